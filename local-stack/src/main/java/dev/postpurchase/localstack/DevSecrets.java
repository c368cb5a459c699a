package dev.postpurchase.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The development secrets of the local stack: taken from an environment variable when it is set,
 * otherwise from {@code .local-stack/secrets.json}, otherwise generated (32 random bytes,
 * base64url). The file is rewritten when a value is new, so later starts reuse it.
 */
final class DevSecrets {

	/**
	 * One secret.
	 *
	 * @param name its key in secrets.json
	 * @param environmentVariable the variable that overrides it
	 * @param property the Spring property the services read it from
	 * @param fixedProperties properties that are not secret but go with it (e.g. the id of a signing key)
	 */
	record Secret(String name, String environmentVariable, String property, Map<String, String> fixedProperties) {

		Secret(String name, String environmentVariable, String property) {
			this(name, environmentVariable, property, Map.of());
		}
	}

	/** Every secret; adding one is one line. */
	static final List<Secret> ALL = List.of(
			new Secret("shopifyWebhookSecret", "SHOPIFY_WEBHOOK_SECRET", "orders.shopify.webhook-secret"),
			new Secret("aftershipWebhookSecret", "AFTERSHIP_WEBHOOK_SECRET", "tracking.aftership.webhook-secret"),
			new Secret("customerLinkSecret", "CUSTOMER_LINK_SECRET", "postpurchase.security.customer-links.keys[0].secret",
					Map.of("postpurchase.security.customer-links.keys[0].id", "dev-1")));

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
				values.put(secret.name(), generate());
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

	private static String generate() {
		var bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
