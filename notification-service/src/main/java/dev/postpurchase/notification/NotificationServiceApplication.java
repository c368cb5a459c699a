package dev.postpurchase.notification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * notification-service: tells customers about the moments of their order that matter, once per
 * moment and channel, only when they agreed to hear from us.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationServiceApplication {

	/** The service's own configuration file, so all services can also share one JVM. */
	public static final String CONFIG_NAME = "spring.config.name=notification-service";

	public static void main(String[] args) {
		new SpringApplicationBuilder(NotificationServiceApplication.class).properties(CONFIG_NAME).run(args);
	}

}
