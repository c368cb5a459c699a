package dev.postpurchase.notification.engagement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.NotificationEngaged.Engagement;
import dev.postpurchase.kit.json.JsonErrors;
import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.kit.webhook.WebhookVerifier;
import dev.postpurchase.notification.provider.WhatsAppSettings;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The WhatsApp Cloud API's webhooks: Meta's subscription handshake, and message status updates.
 * Deliveries are verified before anything is read: {@code X-Hub-Signature-256} is
 * {@code sha256=} and the hex HMAC-SHA256 of the raw body under the app secret (or, during a
 * rotation, the previous one); refusals count {@code webhook.signature.failures{source=whatsapp}}.
 * Meta signs no timestamp or id, so a replay verifies: each outcome is recorded once instead
 * ({@link Engagements}). Each status of {@code entry[].changes[].value.statuses[]} maps as
 * {@code delivered} to DELIVERED, {@code read} to OPENED, {@code failed} to a permanent delivery
 * failure with the first error's code; {@code sent} and anything else change nothing. Statuses of
 * another business number than ours are skipped. Payloads are never logged.
 */
@Component
public class WhatsAppWebhooks {

	private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhooks.class);

	static final String SOURCE = "whatsapp";

	/** The header Meta signs deliveries in. */
	public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

	private static final String SIGNATURE_PREFIX = "sha256=";

	private static final JsonMapper JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final WhatsAppSettings settings;

	private final Engagements engagements;

	private final WebhookVerifier signatures;

	private final Clock clock;

	WhatsAppWebhooks(WhatsAppSettings settings, Engagements engagements, MeterRegistry meters, Clock clock) {
		this.settings = settings;
		this.engagements = engagements;
		this.clock = clock;
		this.signatures = new WebhookVerifier(SOURCE, SIGNATURE_HEADER, WebhookVerifier.Encoding.HEX,
				() -> Stream.of(settings.appSecret(), settings.previousAppSecret())
					.filter(EngagementSettings::present)
					.toList(),
				meters, clock);
		if (!signatures.hasSecret()) {
			log.warn("notifications.whatsapp.app-secret is not set: every WhatsApp webhook will be refused with 401");
		}
	}

	/**
	 * @param statuses how many message statuses the delivery carried
	 * @param recorded how many of them were recorded now
	 */
	public record Receipt(int statuses, int recorded) {
	}

	/**
	 * Meta's subscription handshake: the challenge, when {@code mode} is {@code subscribe} and the token
	 * is our verify token.
	 *
	 * @throws ErrorResponseException 403 otherwise, 400 without a challenge
	 */
	public String challenge(String mode, String verifyToken, String challenge) {
		var expected = settings.verifyToken();
		if (!"subscribe".equals(mode) || !EngagementSettings.present(expected) || verifyToken == null
				|| !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
						verifyToken.getBytes(StandardCharsets.UTF_8))) {
			log.warn("{} webhook subscription refused: wrong mode or verify token", SOURCE);
			throw Problems.of(HttpStatus.FORBIDDEN, "hub.mode or hub.verify_token is not ours");
		}
		if (challenge == null || challenge.isBlank()) {
			throw Problems.badRequest("hub.challenge is required");
		}
		return challenge;
	}

	/**
	 * Handles one delivery.
	 *
	 * @param signatureHeader {@code X-Hub-Signature-256} as sent: {@code sha256=<hex>}
	 * @param body the raw body, exactly as signed
	 * @throws ErrorResponseException (in the Mono) 401 when the signature does not verify, 400 when the
	 *     body is not JSON of the documented shape
	 */
	public Mono<Receipt> receive(String signatureHeader, byte[] body) {
		var raw = body == null ? new byte[0] : body;
		return Mono.fromCallable(() -> {
			signatures.verify(raw, hex(signatureHeader));
			return statuses(read(raw));
		}).flatMap(statuses -> Flux.fromIterable(statuses)
			.concatMap(this::apply)
			.filter(Boolean::booleanValue)
			.count()
			.map(recorded -> new Receipt(statuses.size(), recorded.intValue())));
	}

	private Mono<Boolean> apply(WhatsAppNotification.Status status) {
		if (status.id() == null || status.status() == null) {
			return Mono.just(false);
		}
		var message = MessageRef.provider(Channel.WHATSAPP, status.id());
		var at = at(status.timestamp());
		return switch (status.status()) {
			case "delivered" -> engagements.record(message, Engagement.DELIVERED, at);
			case "read" -> engagements.record(message, Engagement.OPENED, at);
			case "failed" -> engagements.deliveryFailed(message, errorCode(status), at);
			default -> Mono.just(false);
		};
	}

	/** The statuses about our business number (every one, when ours is not configured). */
	private List<WhatsAppNotification.Status> statuses(WhatsAppNotification webhook) {
		var statuses = new ArrayList<WhatsAppNotification.Status>();
		if (webhook.entry() == null) {
			return statuses;
		}
		for (var entry : webhook.entry()) {
			for (var change : entry == null || entry.changes() == null ? List.<WhatsAppNotification.Change>of()
					: entry.changes()) {
				var value = change == null ? null : change.value();
				if (value == null || value.statuses() == null || !ours(value.metadata())) {
					continue;
				}
				value.statuses().stream().filter(status -> status != null).forEach(statuses::add);
			}
		}
		return statuses;
	}

	private boolean ours(WhatsAppNotification.Metadata metadata) {
		var ours = settings.phoneNumberId();
		if (!EngagementSettings.present(ours) || metadata == null || metadata.phoneNumberId() == null
				|| ours.equals(metadata.phoneNumberId())) {
			return true;
		}
		log.debug("{} statuses of another business number skipped", SOURCE);
		return false;
	}

	private Instant at(String timestamp) {
		if (timestamp != null) {
			try {
				var at = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
				// a clock far ahead of ours is not believed
				if (!at.isAfter(clock.instant().plus(WebhookVerifier.DEFAULT_FUTURE_SKEW))) {
					return at;
				}
			}
			catch (NumberFormatException | DateTimeException ex) {
				// not Meta's format: the time it reached us instead
			}
		}
		return clock.instant();
	}

	private static String errorCode(WhatsAppNotification.Status status) {
		if (status.errors() == null) {
			return null;
		}
		return status.errors()
			.stream()
			.filter(error -> error != null && error.code() != null)
			.map(error -> error.code().toString())
			.findFirst()
			.orElse(null);
	}

	private static WhatsAppNotification read(byte[] body) {
		WhatsAppNotification webhook;
		try {
			webhook = JSON.readValue(body, WhatsAppNotification.class);
		}
		catch (JacksonException ex) {
			throw Problems.badRequest("Not a WhatsApp webhook: " + JsonErrors.describe(ex));
		}
		if (webhook == null) {
			throw Problems.badRequest("Not a WhatsApp webhook: a JSON object is required");
		}
		return webhook;
	}

	/** The hex of {@code sha256=<hex>}; null (refused) without the prefix. */
	private static String hex(String header) {
		if (header == null || !header.trim().toLowerCase(Locale.ROOT).startsWith(SIGNATURE_PREFIX)) {
			return null;
		}
		return header.trim().substring(SIGNATURE_PREFIX.length());
	}

}
