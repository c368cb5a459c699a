package dev.postpurchase.kit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.postpurchase.kit.webhook.WebhookVerifier.Encoding;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class WebhookVerifierTests {

	private static final byte[] BODY = "{\"id\":820982911946154508,\"ts\":1767225600}".getBytes(StandardCharsets.UTF_8);

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	/** The settings as they change during a rotation: the verifier reads them on every delivery. */
	private final List<String> secrets = new ArrayList<>(List.of("current-secret"));

	private final WebhookVerifier shopify = new WebhookVerifier("shopify", "X-Shopify-Hmac-Sha256", Encoding.BASE64,
			() -> secrets, meters, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void acceptsTheCurrentSecretsSignature() {
		assertThatCode(() -> shopify.verify(BODY, HmacSignatures.signBase64("current-secret", BODY)))
			.doesNotThrowAnyException();
		assertThat(failures("shopify")).isZero();
	}

	@Test
	void acceptsThePreviousSecretDuringARotationAndRefusesItOnceRemoved() {
		var signedWithOld = HmacSignatures.signBase64("old-secret", BODY);
		secrets.clear();
		secrets.addAll(List.of("new-secret", "old-secret"));

		assertThat(shopify.matches(BODY, signedWithOld)).isTrue();
		assertThat(shopify.matches(BODY, HmacSignatures.signBase64("new-secret", BODY))).isTrue();

		secrets.remove("old-secret");

		assertThat(shopify.matches(BODY, signedWithOld)).isFalse();
		assertUnauthorized(() -> shopify.verify(BODY, signedWithOld));
		assertThat(shopify.matches(BODY, HmacSignatures.signBase64("new-secret", BODY))).isTrue();
		assertThat(failures("shopify")).isEqualTo(1);
	}

	@Test
	void refusesATamperedBody() {
		var signature = HmacSignatures.signBase64("current-secret", BODY);
		var tampered = "{\"id\":820982911946154509,\"ts\":1767225600}".getBytes(StandardCharsets.UTF_8);

		assertUnauthorized(() -> shopify.verify(tampered, signature));
		assertThat(failures("shopify")).isEqualTo(1);
	}

	@Test
	void refusesAMissingOrGarbledSignatureAndNamesTheHeader() {
		for (var signature : Arrays.asList(null, "", "   ", "%%% not base64", "c2hvcnQ=")) {
			var refusal = assertUnauthorized(() -> shopify.verify(BODY, signature));
			assertThat(refusal.getBody().getDetail()).startsWith("X-Shopify-Hmac-Sha256:");
		}
		assertThat(failures("shopify")).isEqualTo(5);
	}

	@Test
	void blankSecretsAreIgnoredAndWithoutAnyEverythingIsRefused() {
		secrets.clear();
		secrets.addAll(Arrays.asList("", "  ", null));

		assertThat(shopify.hasSecret()).isFalse();
		assertUnauthorized(() -> shopify.verify(BODY, "anything"));

		secrets.set(0, "current-secret");
		assertThat(shopify.hasSecret()).isTrue();
		assertThat(shopify.matches(BODY, HmacSignatures.signBase64("current-secret", BODY))).isTrue();
	}

	@Test
	void hexAndBase64AreTheSendersChoiceAndNotInterchangeable() {
		var hex = new WebhookVerifier("provider", "X-Signature", Encoding.HEX, () -> List.of("current-secret"), meters,
				Clock.systemUTC());
		var hexSignature = HmacSignatures.signHex("current-secret", BODY);
		var base64Signature = HmacSignatures.signBase64("current-secret", BODY);

		assertThat(hex.matches(BODY, hexSignature)).isTrue();
		assertThat(hex.matches(BODY, hexSignature.toUpperCase())).isTrue();
		assertThat(hex.matches(BODY, base64Signature)).isFalse();
		assertThat(shopify.matches(BODY, base64Signature)).isTrue();
		assertThat(shopify.matches(BODY, hexSignature)).isFalse();
		assertUnauthorized(() -> hex.verify(BODY, base64Signature));
		assertThat(failures("provider")).isEqualTo(1);
		assertThat(failures("shopify")).isZero();
	}

	@Test
	void signedTimestampsMustBeWithinTheTolerance() {
		var signature = HmacSignatures.signBase64("current-secret", BODY);

		for (var fresh : List.of(NOW, NOW.minus(Duration.ofMinutes(5)), NOW.minusSeconds(299), NOW.plusSeconds(60))) {
			assertThatCode(() -> shopify.verify(BODY, signature, fresh)).as("%s", fresh).doesNotThrowAnyException();
		}
		for (var stale : Arrays.asList(NOW.minusSeconds(301), NOW.minus(Duration.ofDays(1)), NOW.plusSeconds(61),
				null)) {
			assertUnauthorized(() -> shopify.verify(BODY, signature, stale));
		}
		assertThat(failures("shopify")).isEqualTo(4);
		// the timestamp only counts when the signature verifies
		assertUnauthorized(() -> shopify.verify(BODY, "wrong", NOW));
	}

	@Test
	void theToleranceIsTheSendersRetryWindowWhereItRetriesWithTheOriginalTimestamp() {
		var aftership = new WebhookVerifier("aftership", "aftership-hmac-sha256", Encoding.BASE64,
				() -> List.of("current-secret"), meters, Clock.fixed(NOW, ZoneOffset.UTC))
			.withTolerance(Duration.ofDays(7), Duration.ofMinutes(1));
		var signature = HmacSignatures.signBase64("current-secret", BODY);

		assertThat(aftership.isFresh(NOW.minus(Duration.ofDays(6)))).isTrue();
		assertThat(aftership.isFresh(NOW.minus(Duration.ofDays(8)))).isFalse();
		assertUnauthorized(() -> aftership.verify(BODY, signature, NOW.minus(Duration.ofDays(8))));
		assertThat(failures("aftership")).isEqualTo(1);
	}

	@Test
	void theSourceIsAConstantMetricTag() {
		assertThatThrownBy(() -> new WebhookVerifier("Shopify shop 42", "X-Sig", Encoding.HEX, List::of, meters,
				Clock.systemUTC()))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private double failures(String source) {
		return meters.counter("webhook.signature.failures", "source", source).count();
	}

	private static ErrorResponseException assertUnauthorized(Runnable verification) {
		try {
			verification.run();
		}
		catch (ErrorResponseException refusal) {
			assertThat(refusal.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
			return refusal;
		}
		throw new AssertionError("expected a 401 problem");
	}

}
