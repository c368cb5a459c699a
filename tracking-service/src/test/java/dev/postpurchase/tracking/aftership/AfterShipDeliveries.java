package dev.postpurchase.tracking.aftership;

import java.time.Clock;
import java.time.Duration;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.kit.webhook.HmacSignatures;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends webhooks to tracking-service the way AfterShip does: the raw JSON body, signed in
 * {@code aftership-hmac-sha256}; {@code ts} is set from the service's clock by {@link #now}.
 */
final class AfterShipDeliveries {

	/** The secret the integration tests configure ({@code tracking.aftership.webhook-secret}). */
	static final String SECRET = "test-secret";

	/** The secret being rotated out ({@code tracking.aftership.previous-webhook-secret}). */
	static final String PREVIOUS_SECRET = "test-previous-secret";

	private final WebTestClient web;

	private final Clock clock;

	AfterShipDeliveries(WebTestClient web, Clock clock) {
		this.web = web;
		this.clock = clock;
	}

	/** The webhook, correctly signed, as it is (a redelivery is the same bytes again). */
	WebTestClient.ResponseSpec send(ObjectNode webhook) {
		return sendSignedWith(SECRET, webhook);
	}

	/** The webhook signed with another secret. */
	WebTestClient.ResponseSpec sendSignedWith(String secret, ObjectNode webhook) {
		var body = AfterShipPayloads.bytes(webhook);
		return send(body, HmacSignatures.signBase64(secret, body));
	}

	/** Any body with any signature (none when null). */
	WebTestClient.ResponseSpec send(byte[] body, String signature) {
		return web.post()
			.uri("/webhooks/aftership")
			.contentType(MediaType.APPLICATION_JSON)
			.headers(headers -> {
				headers.set("User-Agent", "AfterShipTrackingWebhook/4.0.0 (https://www.aftership.com)");
				headers.set("as-webhook-version", "2025-07");
				if (signature != null) {
					headers.set("aftership-hmac-sha256", signature);
				}
			})
			.bodyValue(body)
			.exchange();
	}

	/** The webhook of an event that occurs now, by the service's clock (tests may move it). */
	ObjectNode now(ObjectNode webhook) {
		return occurred(Duration.ZERO, webhook);
	}

	/** The webhook of an event that occurred {@code ago}, as AfterShip's retry (or a replay) sends it. */
	ObjectNode occurred(Duration ago, ObjectNode webhook) {
		return AfterShipPayloads.with(webhook, payload -> payload.put("ts", clock.instant().minus(ago).getEpochSecond()));
	}

}
