package dev.postpurchase.returns;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * returns-service: takes return requests from customers and agents, decides them by policy, follows
 * the parcel back, and refunds or exchanges without anyone chasing it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReturnsServiceApplication {

	/** The service's own configuration file, so all services can also share one JVM. */
	public static final String CONFIG_NAME = "spring.config.name=returns-service";

	public static void main(String[] args) {
		new SpringApplicationBuilder(ReturnsServiceApplication.class).properties(CONFIG_NAME).run(args);
	}

}
