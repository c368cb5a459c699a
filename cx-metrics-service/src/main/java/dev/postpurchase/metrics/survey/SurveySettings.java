package dev.postpurchase.metrics.survey;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Survey answers that arrive before their order (see {@link Surveys#park}).
 *
 * @param keepParkedFor how long an answer waits for its order's OrderPlaced; after that the sweep
 *     deletes it (logged by order id, counted in {@code surveys.parked.expired}) and it is never counted
 * @param sweepInterval how often the sweep deletes expired parked answers and completes those whose
 *     order has become known (a backstop: OrderPlaced completes them as it arrives)
 */
@ConfigurationProperties("metrics.surveys")
record SurveySettings(@DefaultValue("30d") Duration keepParkedFor, @DefaultValue("5m") Duration sweepInterval) {

}
