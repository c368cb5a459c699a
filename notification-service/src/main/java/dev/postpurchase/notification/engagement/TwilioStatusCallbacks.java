package dev.postpurchase.notification.engagement;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.NotificationEngaged.Engagement;
import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.kit.webhook.TwilioSignatures;
import dev.postpurchase.kit.webhook.WebhookVerifier;
import dev.postpurchase.notification.provider.SmsSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Twilio's message status callbacks (the {@code StatusCallback} of a sent SMS): verifies
 * {@code X-Twilio-Signature} over the configured status callback URL (what Twilio signs, not a URL
 * rebuilt from the request, which a proxy changes) and the form parameters, under the auth token or,
 * during a rotation, the previous one; then maps {@code MessageStatus}: {@code delivered} is
 * DELIVERED, {@code read} is OPENED, {@code failed} and {@code undelivered} are a permanent delivery
 * failure with Twilio's {@code ErrorCode}; {@code queued}, {@code sending}, {@code sent} and others
 * change nothing. Twilio signs no timestamp or id, so a replay verifies: handling is idempotent
 * instead ({@link Engagements} records each outcome once). Refusals count
 * {@code webhook.signature.failures{source=twilio}}. The parameters are never logged ({@code To}
 * and {@code From} are phone numbers).
 */
@Component
public class TwilioStatusCallbacks {

	private static final Logger log = LoggerFactory.getLogger(TwilioStatusCallbacks.class);

	static final String SOURCE = "twilio";

	private final SmsSettings settings;

	private final Engagements engagements;

	private final Counter failures;

	private final Clock clock;

	TwilioStatusCallbacks(SmsSettings settings, Engagements engagements, MeterRegistry meters, Clock clock) {
		this.settings = settings;
		this.engagements = engagements;
		this.failures = WebhookVerifier.failuresCounter(meters, SOURCE);
		this.clock = clock;
		if (!EngagementSettings.present(settings.statusCallbackUrl()) || authTokens().isEmpty()) {
			log.warn("notifications.sms.status-callback-url or auth-token is not set: every Twilio status callback "
					+ "will be refused with 401");
		}
	}

	/** What a verified callback did. */
	public enum Outcome {

		/** The delivery, read or failure was recorded now. */
		RECORDED,
		/** Recorded before, or the message is not a SENT SMS of ours. */
		UNCHANGED,
		/** A status that changes nothing (queued, sending, sent, ...). */
		IGNORED

	}

	/**
	 * Handles one callback.
	 *
	 * @param params the form parameters as posted
	 * @param signature the {@code X-Twilio-Signature} header
	 * @throws ErrorResponseException (in the Mono) 401 when the signature does not verify, 403 when the
	 *     callback is about another Twilio account, 400 when it names no message or status
	 */
	public Mono<Outcome> receive(Map<String, List<String>> params, String signature) {
		return Mono.defer(() -> {
			verify(params, signature);
			var sid = first(params, "MessageSid");
			var status = first(params, "MessageStatus");
			if (sid == null || status == null) {
				return Mono.error(Problems.badRequest("MessageSid and MessageStatus are required"));
			}
			var message = MessageRef.provider(Channel.SMS, sid);
			var now = clock.instant();
			Mono<Boolean> recorded = switch (status) {
				case "delivered" -> engagements.record(message, Engagement.DELIVERED, now);
				case "read" -> engagements.record(message, Engagement.OPENED, now);
				case "failed", "undelivered" -> engagements.deliveryFailed(message, first(params, "ErrorCode"), now);
				default -> null;
			};
			if (recorded == null) {
				return Mono.just(Outcome.IGNORED);
			}
			return recorded.map(changed -> changed ? Outcome.RECORDED : Outcome.UNCHANGED)
				.doOnNext(outcome -> log.debug("Twilio status {} of {}: {}", status, sid, outcome));
		});
	}

	private void verify(Map<String, List<String>> params, String signature) {
		var url = settings.statusCallbackUrl();
		var tokens = authTokens();
		if (!EngagementSettings.present(url) || tokens.isEmpty()) {
			throw refused("no status callback URL or auth token configured");
		}
		if (!TwilioSignatures.verify(tokens, url, params, signature)) {
			throw refused(signature == null || signature.isBlank() ? "no signature"
					: "signature does not match the request");
		}
		var accountSid = first(params, "AccountSid");
		if (EngagementSettings.present(settings.accountSid()) && !settings.accountSid().equals(accountSid)) {
			log.warn("{} status callback refused: for another account", SOURCE);
			throw Problems.of(HttpStatus.FORBIDDEN, "The callback is about another Twilio account");
		}
	}

	private ErrorResponseException refused(String reason) {
		failures.increment();
		log.warn("{} webhook refused: {}", SOURCE, reason);
		return Problems.of(HttpStatus.UNAUTHORIZED,
				TwilioSignatures.HEADER + ": missing, or not the signature of this request");
	}

	private List<String> authTokens() {
		return Stream.of(settings.authToken(), settings.previousAuthToken())
			.filter(EngagementSettings::present)
			.toList();
	}

	private static String first(Map<String, List<String>> params, String name) {
		var values = params.get(name);
		if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
			return null;
		}
		return values.get(0).trim();
	}

}
