package dev.postpurchase.order;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * order-service: takes orders from e-commerce platforms (REST, Shopify webhooks, Kafka), keeps them,
 * publishes order events, and answers support agents' order-status questions.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderServiceApplication {

	/** The service's own configuration file, so all services can also share one JVM. */
	public static final String CONFIG_NAME = "spring.config.name=order-service";

	public static void main(String[] args) {
		new SpringApplicationBuilder(OrderServiceApplication.class).properties(CONFIG_NAME).run(args);
	}

}
