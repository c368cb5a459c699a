package dev.postpurchase.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.web.ErrorResponseException;

import dev.postpurchase.kit.security.CustomerLinkSettings.SigningKey;

class CustomerLinksTests {

	private static final SigningKey OLD = new SigningKey("2026-05", "old-key-0123456789abcdefghijklmnopqrstuv");

	private static final SigningKey NEW = new SigningKey("2026-11", "new-key-0123456789abcdefghijklmnopqrstuv");

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

	private final CustomerLinks links = links(clock, NEW, OLD);

	@Test
	void aLinkOpensItsOwnOrderForItsPurpose() {
		var token = links.issue("ord_A", LinkPurpose.TRACKING);
		assertThatNoException().isThrownBy(() -> links.authorize(token, LinkPurpose.TRACKING, "ord_A"));
		assertThat(links.orderOf(token, LinkPurpose.TRACKING)).isEqualTo("ord_A");
	}

	@Test
	void aLinkForOrderANeverOpensOrderB() {
		var token = links.issue("ord_A", LinkPurpose.TRACKING);
		assertStatus(() -> links.authorize(token, LinkPurpose.TRACKING, "ord_B"), 403);
	}

	@Test
	void aLinkOpensNothingButItsPurpose() {
		var survey = links.issue("ord_A", LinkPurpose.SURVEY);
		assertStatus(() -> links.authorize(survey, LinkPurpose.RETURN, "ord_A"), 403);
		assertStatus(() -> links.orderOf(survey, LinkPurpose.PREFERENCES), 403);
	}

	@Test
	void expiredTamperedForgedAndMissingLinksAreRefused() {
		var token = links.issue("ord_A", LinkPurpose.TRACKING, Duration.ofDays(1));
		var tomorrow = links(Clock.offset(clock, Duration.ofDays(1)), NEW, OLD);
		assertStatus(() -> tomorrow.authorize(token, LinkPurpose.TRACKING, "ord_A"), 401);

		var parts = token.split("\\.");
		var otherClaims = links.issue("ord_B", LinkPurpose.TRACKING).split("\\.")[1];
		assertStatus(() -> links.authorize(parts[0] + "." + otherClaims + "." + parts[2], LinkPurpose.TRACKING, "ord_B"),
				401);
		var flipped = parts[2].charAt(3) == 'A' ? 'B' : 'A';
		var badSignature = parts[2].substring(0, 3) + flipped + parts[2].substring(4);
		assertStatus(() -> links.authorize(parts[0] + "." + parts[1] + "." + badSignature, LinkPurpose.TRACKING, "ord_A"),
				401);

		var forged = links(clock, new SigningKey(NEW.id(), "attacker-0123456789abcdefghijklmnopqrs"));
		assertStatus(() -> links.authorize(forged.issue("ord_A", LinkPurpose.TRACKING), LinkPurpose.TRACKING, "ord_A"),
				401);
		assertStatus(() -> links.authorize(null, LinkPurpose.TRACKING, "ord_A"), 401);
		assertStatus(() -> links.authorize("not-a-token", LinkPurpose.TRACKING, "ord_A"), 401);
	}

	@Test
	void bothKeysAreAcceptedDuringRotationAndTheRetiredOneAfterwardsNot() {
		var signedWithOld = links(clock, OLD).issue("ord_A", LinkPurpose.RETURN);
		assertThatNoException().isThrownBy(() -> links.authorize(signedWithOld, LinkPurpose.RETURN, "ord_A"));
		var signedWithNew = links.issue("ord_A", LinkPurpose.RETURN);
		assertThatNoException().isThrownBy(() -> links(clock, NEW).authorize(signedWithNew, LinkPurpose.RETURN, "ord_A"));
		assertStatus(() -> links(clock, NEW).authorize(signedWithOld, LinkPurpose.RETURN, "ord_A"), 401);
	}

	@Test
	void shortSecretsAreRefused() {
		assertThatThrownBy(() -> links(clock, new SigningKey("k", "too-short")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageNotContaining("too-short");
	}

	private static CustomerLinks links(Clock clock, SigningKey... keys) {
		return new CustomerLinks(new CustomerLinkSettings(List.of(keys), Duration.ofDays(30)), clock);
	}

	private static void assertStatus(Runnable call, int status) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(ErrorResponseException.class,
				ex -> assertThat(ex.getStatusCode().value()).isEqualTo(status));
	}

}
