package dev.postpurchase.returns;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/** Points the payment provider at the JVM-wide {@link PaymentStandIn}. */
@TestConfiguration(proxyBeanMethods = false)
public class PaymentStandInConfiguration {

	@Bean
	DynamicPropertyRegistrar paymentStandInProperties() {
		return registry -> registry.add("returns.payments.base-url", PaymentStandIn::baseUrl);
	}

}
