package dev.postpurchase.tracking.aftership;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import dev.postpurchase.kit.webhook.SeenDeliveries;
import dev.postpurchase.kit.webhook.WebhookVerifier;
import dev.postpurchase.tracking.shipment.TrackingUpdates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Receives AfterShip tracking webhooks: verifies {@code aftership-hmac-sha256} over the raw body
 * before reading anything from it (under the current or, during a rotation, the previous secret),
 * refuses a body whose signed {@code ts} is older than AfterShip's retry window (a replay), answers a
 * redelivery (same {@code event_id}) without doing anything, and hands the tracking's checkpoints to
 * {@link TrackingUpdates}, the one handling of carrier updates, as {@link AfterShipMapping} maps them.
 * A delivery is recorded as handled only once all its updates were applied, so a failure half-way is
 * retried by AfterShip; what was applied before is absorbed then, as duplicates are. Refusals count
 * {@code webhook.signature.failures{source=aftership}}; verified deliveries count
 * {@code aftership.webhooks.received{tag}}. Payloads are never logged (they carry the customer's name
 * and contact data).
 */
@Service
public class AfterShipWebhooks {

	private static final Logger log = LoggerFactory.getLogger(AfterShipWebhooks.class);

	/** AfterShip Tracking's event codes, for the delivery store (anything else is {@code other}). */
	private static final Set<String> EVENTS = Set.of("tracking_update", "edd_revise", "tracking_pending_time");

	private final TrackingUpdates tracking;

	private final WebhookVerifier signatures;

	private final SeenDeliveries seen;

	private final MeterRegistry meters;

	AfterShipWebhooks(TrackingUpdates tracking, WebhookVerifier aftershipSignatures,
			SeenDeliveries aftershipDeliveries, MeterRegistry meters) {
		this.tracking = tracking;
		this.signatures = aftershipSignatures;
		this.seen = aftershipDeliveries;
		this.meters = meters;
		if (!signatures.hasSecret()) {
			log.warn("tracking.aftership.webhook-secret is not set: every AfterShip webhook will be refused with 401");
		}
	}

	/** What became of a verified delivery; every outcome is a 200 for AfterShip. */
	public enum Outcome {

		/** The shipment changed (and published what changed). */
		APPLIED,
		/** Nothing new: every checkpoint was known, and the estimate too. */
		UNCHANGED,
		/** The parcel is not registered yet: its updates are kept and applied when it is. */
		PARKED,
		/** This delivery ({@code event_id}) was handled before. */
		DUPLICATE

	}

	/**
	 * @param updates how many carrier updates the delivery carried (0 for a duplicate)
	 */
	public record Receipt(Outcome outcome, int updates) {
	}

	/**
	 * Handles one delivery; fails with a 401 problem when the signature does not verify or the body is
	 * older than the accepted window, and with a 400 problem when the payload is not AfterShip's
	 * documented shape.
	 */
	public Mono<Receipt> receive(String signature, byte[] body) {
		var raw = body == null ? new byte[0] : body;
		return Mono.fromCallable(() -> verified(raw, signature)).flatMap(this::deduplicated);
	}

	private AfterShipWebhook verified(byte[] body, String signature) {
		signatures.verify(body, signature);
		var webhook = AfterShipJson.webhook(body);
		var signedAt = signedAt(webhook);
		if (!signatures.isFresh(signedAt)) {
			// the signature again (it matches): the kit's refusal is what counts and answers a replay
			signatures.verify(body, signature, signedAt);
		}
		Counter.builder("aftership.webhooks.received")
			.description("AfterShip webhooks received with a valid, fresh signature, by AfterShip tag")
			.tag("tag", AfterShipMapping.metricTag(webhook))
			.register(meters)
			.increment();
		return webhook;
	}

	private Mono<Receipt> deduplicated(AfterShipWebhook webhook) {
		var eventId = webhook.eventId() == null || webhook.eventId().isBlank() ? null : webhook.eventId().trim();
		if (eventId == null) {
			return handle(webhook);
		}
		return seen.contains(eventId).flatMap(handled -> {
			if (handled) {
				log.debug("AfterShip event {} was handled before", eventId);
				return Mono.just(new Receipt(Outcome.DUPLICATE, 0));
			}
			return handle(webhook).flatMap(receipt -> seen.remember(eventId, kind(webhook)).thenReturn(receipt));
		});
	}

	private Mono<Receipt> handle(AfterShipWebhook webhook) {
		return Mono.fromCallable(() -> AfterShipMapping.updates(webhook))
			.flatMap(updates -> Flux.fromIterable(updates)
				.concatMap(update -> tracking.apply(update, AfterShipConfiguration.SOURCE))
				.collectList()
				.map(outcomes -> new Receipt(outcome(outcomes), updates.size())))
			.doOnNext(receipt -> log.debug("AfterShip {} {}: {} ({} updates)", kind(webhook), webhook.eventId(),
					receipt.outcome(), receipt.updates()));
	}

	/** Applied when anything changed; else parked when the parcel is unknown; else unchanged. */
	private static Outcome outcome(List<TrackingUpdates.Outcome> outcomes) {
		if (outcomes.contains(TrackingUpdates.Outcome.APPLIED)) {
			return Outcome.APPLIED;
		}
		return outcomes.contains(TrackingUpdates.Outcome.PARKED) ? Outcome.PARKED : Outcome.UNCHANGED;
	}

	private static Instant signedAt(AfterShipWebhook webhook) {
		if (webhook.ts() == null) {
			throw new InvalidAfterShipPayloadException(List.of("ts: required"));
		}
		try {
			return Instant.ofEpochSecond(webhook.ts());
		}
		catch (DateTimeException ex) {
			throw new InvalidAfterShipPayloadException(List.of("ts: not a Unix time in seconds"));
		}
	}

	private static String kind(AfterShipWebhook webhook) {
		return webhook.event() != null && EVENTS.contains(webhook.event()) ? webhook.event() : "other";
	}

}
