package dev.postpurchase.pages;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * customer-pages: the pages customers reach from the signed links in our messages (survey,
 * preferences, tracking, returns), all under one origin. A backend-for-frontend without
 * a database or Kafka: it renders server-side HTML and gets every piece of data from the owning
 * service's customer API, passing on the customer's own link token, which that service verifies.
 * One staff page besides: the ops overview ({@code /ops}), for a bearer token with
 * {@code metrics:read}, which it passes on to cx-metrics-service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CustomerPagesApplication {

	/** The module's own configuration file, so all services can also share one JVM. */
	public static final String CONFIG_NAME = "spring.config.name=customer-pages";

	public static void main(String[] args) {
		new SpringApplicationBuilder(CustomerPagesApplication.class).properties(CONFIG_NAME).run(args);
	}

}
