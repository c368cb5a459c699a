package dev.postpurchase.order.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.postpurchase.order.OrderServiceApplication;
import dev.postpurchase.testkit.TestInfrastructure;

/** The prod profile refuses to start on development secrets, and starts on real ones. */
class ProdProfileTests {

	private static final String STRONG = "Zq7vN2xL9pR4tW8yB3eK6mH1sD5fG0jA";

	@Test
	void refusesDevelopmentSecretsNamingThePropertyNotTheValue() {
		assertThatThrownBy(() -> start("orders.shopify.webhook-secret=test-secret",
				"postpurchase.security.customer-links.keys[0].id=k1",
				"postpurchase.security.customer-links.keys[0].secret=dev-link-key-0123456789abcdefghij"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("Refusing to start the prod profile")
			.hasMessageContaining("orders.shopify.webhook-secret")
			.hasMessageContaining("customer-links.keys[0].secret: a development value")
			.hasMessageNotContaining("test-secret");
		assertThatThrownBy(() -> start("orders.shopify.webhook-secret=" + STRONG)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("customer-links.keys: none configured");
	}

	@Test
	void startsWithRealSecrets() {
		try (var context = start("orders.shopify.webhook-secret=" + STRONG,
				"postpurchase.security.customer-links.keys[0].id=k1",
				"postpurchase.security.customer-links.keys[0].secret=" + STRONG)) {
			assertThat(context.isActive()).isTrue();
		}
	}

	private static org.springframework.context.ConfigurableApplicationContext start(String... secrets) {
		var properties = new ArrayList<>(List.of("spring.profiles.active=prod",
				"server.port=0", "spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
				"spring.mongodb.uri=" + TestInfrastructure.mongoUri()));
		TestInfrastructure.issuer().resourceServerProperties().forEach((key, value) -> properties.add(key + "=" + value));
		properties.addAll(List.of(secrets));
		// as command-line arguments: they win over the service's own configuration file
		return new SpringApplicationBuilder(OrderServiceApplication.class).properties(OrderServiceApplication.CONFIG_NAME)
			.run(properties.stream().map(property -> "--" + property).toArray(String[]::new));
	}

}
