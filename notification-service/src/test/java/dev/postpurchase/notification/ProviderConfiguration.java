package dev.postpurchase.notification;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points {@code spring.mail.*} at the JVM-wide {@link SmtpServer}, and the SMS and WhatsApp
 * providers at the JVM-wide {@link ProviderStandIn}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ProviderConfiguration {

	@Bean
	DynamicPropertyRegistrar providerProperties() {
		return registry -> {
			registry.add("spring.mail.host", () -> "127.0.0.1");
			registry.add("spring.mail.port", SmtpServer::port);
			registry.add("notifications.sms.base-url", ProviderStandIn::baseUrl);
			registry.add("notifications.whatsapp.base-url", ProviderStandIn::baseUrl);
		};
	}

}
