package dev.postpurchase.notification;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points {@code spring.mail.*} at the JVM-wide {@link SmtpServer}. */
@TestConfiguration(proxyBeanMethods = false)
public class SmtpServerConfiguration {

	@Bean
	DynamicPropertyRegistrar smtpServerProperties() {
		return registry -> {
			registry.add("spring.mail.host", () -> "127.0.0.1");
			registry.add("spring.mail.port", SmtpServer::port);
		};
	}

}
