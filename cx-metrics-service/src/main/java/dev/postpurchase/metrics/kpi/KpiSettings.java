package dev.postpurchase.metrics.kpi;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param zone the store's time zone: KPI days and date ranges are counted in it */
@ConfigurationProperties("metrics")
public record KpiSettings(@DefaultValue("Europe/Amsterdam") ZoneId zone) {

}
