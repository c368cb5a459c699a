package dev.postpurchase.kit.security;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import dev.postpurchase.kit.security.CustomerLinkSettings.SigningKey;

class SecretsGuardTests {

	private static final String STRONG = "q8Zx1L0vJ3nR6tY9wB2eK5mP7sD4fG1hA0cV3xN6";

	@Test
	void refusesMissingShortAndDevelopmentSecretsNamingOnlyTheProperty() {
		var environment = new MockEnvironment().withProperty("orders.shopify.webhook-secret", "test-secret");
		var guard = new SecretsGuard(environment, List.of("orders.shopify.webhook-secret", "other.secret"),
				links(new SigningKey("k1", "dev-0123456789abcdefghijklmnopqrstuvwxyz")));
		assertThatThrownBy(guard::afterSingletonsInstantiated).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("orders.shopify.webhook-secret: shorter than 32")
			.hasMessageContaining("other.secret: not set")
			.hasMessageContaining("customer-links.keys[0].secret: a development value")
			.hasMessageNotContaining("test-secret");
	}

	@Test
	void refusesToRunWithoutCustomerLinkKeys() {
		var guard = new SecretsGuard(new MockEnvironment(), List.of(), links());
		assertThatThrownBy(guard::afterSingletonsInstantiated).hasMessageContaining("none configured");
	}

	@Test
	void aServiceWithoutCustomerLinksNeedsNoLinkKeys() {
		var environment = new MockEnvironment().withProperty("orders.shopify.webhook-secret", STRONG);
		var guard = new SecretsGuard(environment, List.of("orders.shopify.webhook-secret"), null);
		assertThatNoException().isThrownBy(guard::afterSingletonsInstantiated);
		var weak = new SecretsGuard(new MockEnvironment(), List.of("orders.shopify.webhook-secret"), null);
		assertThatThrownBy(weak::afterSingletonsInstantiated).hasMessageContaining("webhook-secret: not set")
			.hasMessageNotContaining("customer-links");
	}

	@Test
	void acceptsStrongSecrets() {
		var environment = new MockEnvironment().withProperty("orders.shopify.webhook-secret", STRONG);
		var guard = new SecretsGuard(environment, List.of("orders.shopify.webhook-secret"),
				links(new SigningKey("k1", STRONG)));
		assertThatNoException().isThrownBy(guard::afterSingletonsInstantiated);
	}

	private static CustomerLinkSettings links(SigningKey... keys) {
		return new CustomerLinkSettings(List.of(keys), Duration.ofDays(30));
	}

}
