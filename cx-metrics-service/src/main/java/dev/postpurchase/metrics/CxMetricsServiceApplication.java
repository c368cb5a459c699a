package dev.postpurchase.metrics;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * cx-metrics-service: the customer-experience KPIs, computed from the event log, exact, explainable
 * and rebuildable; and the customers' survey answers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CxMetricsServiceApplication {

	/** The service's own configuration file, so all services can also share one JVM. */
	public static final String CONFIG_NAME = "spring.config.name=cx-metrics-service";

	public static void main(String[] args) {
		new SpringApplicationBuilder(CxMetricsServiceApplication.class).properties(CONFIG_NAME).run(args);
	}

}
