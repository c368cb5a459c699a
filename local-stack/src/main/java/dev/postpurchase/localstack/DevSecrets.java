package dev.postpurchase.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
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
	 */
	record Secret(String name, String environmentVariable, String property) {
	}

	/** Every secret; adding one is one line. */
	static final List<Secret> ALL = List.of(
			new Secret("shopifyWebhookSecret", "SHOPIFY_WEBHOOK_SECRET", "orders.shopify.webhook-secret"));

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
			write(file, merged);
		}
		return Map.copyOf(values);
	}

	/** @return Spring property to value, for the services */
	static Map<String, String> asProperties(Map<String, String> values) {
		var properties = new LinkedHashMap<String, String>();
		for (var secret : ALL) {
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

	private static void write(Path file, Map<String, String> values) {
		try {
			Files.createDirectories(file.getParent());
			var temporary = file.resolveSibling(file.getFileName() + ".tmp");
			Files.deleteIfExists(temporary);
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				// secrets: readable by the owner only
				Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			JSON.writerWithDefaultPrettyPrinter().writeValue(temporary, values);
			// a crash while writing must not leave a half-written file that loses the other secrets
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}
}
