package dev.postpurchase.tracking;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * tracking-service: follows every parcel against the delivery promise made to the customer, and
 * raises delivery exceptions before the customer has to ask.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class TrackingServiceApplication {

	/** The service's own configuration file, so all services can also share one JVM. */
	public static final String CONFIG_NAME = "spring.config.name=tracking-service";

	public static void main(String[] args) {
		new SpringApplicationBuilder(TrackingServiceApplication.class).properties(CONFIG_NAME).run(args);
	}

}
