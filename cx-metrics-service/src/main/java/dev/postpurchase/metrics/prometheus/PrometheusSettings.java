package dev.postpurchase.metrics.prometheus;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param refresh how often the KPI gauges are recomputed (in the background, never on a scrape): a
 *     scrape shows the KPIs as they were at most this long ago
 */
@ConfigurationProperties("metrics.prometheus")
record PrometheusSettings(@DefaultValue("60s") Duration refresh) {

}
