package dev.postpurchase.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The development secrets of the local stack, and the provider account ids that go with them: taken
 * from an environment variable when it is set, otherwise from {@code .local-stack/secrets.json},
 * otherwise generated (32 random bytes, base64url, unless the provider's format is different, such
 * as a Twilio account SID or a Stripe key). The file is rewritten when a value is new, so later starts reuse it. The
 * provider simulators accept exactly these credentials, and notification-service is given them.
 */
final class DevSecrets {

	/**
	 * One secret.
	 *
	 * @param name its key in secrets.json
	 * @param environmentVariable the variable that overrides it
	 * @param property the Spring property the services read it from
	 * @param fixedProperties properties that are not secret but go with it (e.g. the id of a signing key)
	 * @param generator makes a new value when there is none
	 */
	record Secret(String name, String environmentVariable, String property, Map<String, String> fixedProperties,
			Supplier<String> generator) {

		Secret(String name, String environmentVariable, String property) {
			this(name, environmentVariable, property, Map.of(), DevSecrets::randomKey);
		}

		Secret(String name, String environmentVariable, String property, Map<String, String> fixedProperties) {
			this(name, environmentVariable, property, fixedProperties, DevSecrets::randomKey);
		}

		Secret(String name, String environmentVariable, String property, Supplier<String> generator) {
			this(name, environmentVariable, property, Map.of(), generator);
		}
	}

	/** Every secret; adding one is one line. */
	static final List<Secret> ALL = List.of(
			new Secret("shopifyWebhookSecret", "SHOPIFY_WEBHOOK_SECRET", "orders.shopify.webhook-secret"),
			new Secret("aftershipWebhookSecret", "AFTERSHIP_WEBHOOK_SECRET", "tracking.aftership.webhook-secret"),
			new Secret("customerLinkSecret", "CUSTOMER_LINK_SECRET", "postpurchase.security.customer-links.keys[0].secret",
					Map.of("postpurchase.security.customer-links.keys[0].id", "dev-1")),
			// Twilio (the SMS simulator accepts these as HTTP Basic credentials and signs its callbacks with the token)
			new Secret("twilioAccountSid", "TWILIO_ACCOUNT_SID", "notifications.sms.account-sid",
					() -> "AC" + randomHex(16)),
			new Secret("twilioAuthToken", "TWILIO_AUTH_TOKEN", "notifications.sms.auth-token", () -> randomHex(16)),
			// WhatsApp Cloud API (the WhatsApp simulator checks the token and signs its webhooks with the app secret)
			new Secret("whatsappPhoneNumberId", "WHATSAPP_PHONE_NUMBER_ID", "notifications.whatsapp.phone-number-id",
					DevSecrets::randomPhoneNumberId),
			new Secret("whatsappAccessToken", "WHATSAPP_ACCESS_TOKEN", "notifications.whatsapp.access-token"),
			new Secret("whatsappAppSecret", "WHATSAPP_APP_SECRET", "notifications.whatsapp.app-secret", () -> randomHex(16)),
			new Secret("whatsappVerifyToken", "WHATSAPP_VERIFY_TOKEN", "notifications.whatsapp.verify-token"),
			// signs the links in messages that customers answer (surveys, preferences)
			new Secret("engagementSecret", "ENGAGEMENT_SECRET", "notifications.engagement.secret"),
			// Stripe (the payments simulator accepts this key as the bearer token of refunds)
			new Secret("stripeSecretKey", "STRIPE_SECRET_KEY", "returns.payments.secret-key",
					() -> "sk_test_" + randomHex(24)));

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final SecureRandom RANDOM = new SecureRandom();

	private DevSecrets() {
	}

	/** @return secret name to value, for every secret in {@link #ALL} */
	static Map<String, String> loadOrCreate(Path file, Map<String, String> environment) {
		var stored = read(file);
		var values = new LinkedHashMap<String, String>();
		for (var secret : ALL) {
			var fromEnvironment = environment.get(secret.environmentVariable());
			if (fromEnvironment != null && !fromEnvironment.isBlank()) {
				values.put(secret.name(), fromEnvironment);
			}
			else if (stored.get(secret.name()) != null && !stored.get(secret.name()).isBlank()) {
				values.put(secret.name(), stored.get(secret.name()));
			}
			else {
				values.put(secret.name(), secret.generator().get());
			}
		}
		var merged = new LinkedHashMap<>(stored); // keep entries a newer version may have added
		merged.putAll(values);
		if (!merged.equals(stored)) {
			PrivateFiles.writeJson(file, merged);
		}
		return Map.copyOf(values);
	}

	/** @return Spring property to value, for the services */
	static Map<String, String> asProperties(Map<String, String> values) {
		var properties = new LinkedHashMap<String, String>();
		for (var secret : ALL) {
			properties.putAll(secret.fixedProperties());
			properties.put(secret.property(), values.get(secret.name()));
		}
		return properties;
	}

	/** 32 random bytes, base64url without padding (43 characters). */
	static String randomKey() {
		var bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** {@code bytes} random bytes as lower-case hex, the format of Twilio's SIDs and auth tokens. */
	static String randomHex(int bytes) {
		var random = new byte[bytes];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	/** 15 digits, not starting with 0, like the ids Meta gives business phone numbers. */
	static String randomPhoneNumberId() {
		var id = new StringBuilder().append(1 + RANDOM.nextInt(9));
		for (int i = 1; i < 15; i++) {
			id.append(RANDOM.nextInt(10));
		}
		return id.toString();
	}

	private static Map<String, String> read(Path file) {
		if (!Files.exists(file)) {
			return Map.of();
		}
		try {
			return JSON.readValue(file, new TypeReference<LinkedHashMap<String, String>>() {
			});
		}
		catch (JacksonException ex) {
			throw new IllegalStateException(file + " is not a JSON object of strings; fix or delete it", ex);
		}
	}
}
