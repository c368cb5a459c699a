package dev.postpurchase.order.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.postpurchase.kit.webhook.HmacSignatures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Shopify's signature settings through a secret rotation, as order-service wires them. */
class ShopifySignatureTests {

	private static final byte[] BODY = "{\"id\":5812345678901}".getBytes(StandardCharsets.UTF_8);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void theCurrentSecretSigns() {
		var verifier = ShopifyConfiguration.verifier(settings("new-client-secret", null), meters, Clock.systemUTC());

		assertThat(verifier.matches(BODY, HmacSignatures.signBase64("new-client-secret", BODY))).isTrue();
		assertThat(verifier.matches(BODY, HmacSignatures.signBase64("old-client-secret", BODY))).isFalse();
	}

	@Test
	void thePreviousSecretIsAcceptedWhileItIsSetAndRefusedOnceRemoved() {
		var signedWithOld = HmacSignatures.signBase64("old-client-secret", BODY);

		var rotating = ShopifyConfiguration.verifier(settings("new-client-secret", "old-client-secret"), meters,
				Clock.systemUTC());
		assertThat(rotating.matches(BODY, signedWithOld)).isTrue();
		assertThat(rotating.matches(BODY, HmacSignatures.signBase64("new-client-secret", BODY))).isTrue();

		var rotated = ShopifyConfiguration.verifier(settings("new-client-secret", ""), meters, Clock.systemUTC());
		assertThat(rotated.matches(BODY, signedWithOld)).isFalse();
	}

	@Test
	void withoutASecretNothingVerifiesAndTheSettingsNeverPrintOne() {
		var settings = settings(" ", null);

		assertThat(ShopifyConfiguration.verifier(settings, meters, Clock.systemUTC()).hasSecret()).isFalse();
		assertThat(settings("new-client-secret", "old-client-secret").toString()).doesNotContain("client-secret");
	}

	private static ShopifySettings settings(String current, String previous) {
		return new ShopifySettings(current, previous, Duration.ofDays(7), Duration.ofDays(7), Duration.ofSeconds(30));
	}

}
