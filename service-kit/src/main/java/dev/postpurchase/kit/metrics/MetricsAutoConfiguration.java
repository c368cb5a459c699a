package dev.postpurchase.kit.metrics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Metrics every service shares: the {@link PrometheusConventions} filter that keeps
 * {@code GET /actuator/prometheus} clean for {@code promtool check metrics}. Spring Boot applies every
 * {@code MeterFilter} bean to the meter registries.
 */
@AutoConfiguration
public class MetricsAutoConfiguration {

	@Bean
	PrometheusConventions prometheusConventions() {
		return new PrometheusConventions();
	}

}
