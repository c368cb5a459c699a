package dev.postpurchase.kit.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;

/**
 * In the {@code prod} profile, refuses to start when a secret is missing, too short, or a
 * development value (tests' {@code test-...}, {@code dev-...}, {@code changeme}). Names only the
 * property, never the value.
 */
class SecretsGuard implements SmartInitializingSingleton {

	static final int MIN_LENGTH = 32;

	private static final List<String> DEVELOPMENT_MARKERS = List.of("test", "dev", "changeme", "secret", "example");

	private final Environment environment;

	private final List<String> requiredSecrets;

	private final CustomerLinkSettings customerLinks;

	/** @param customerLinks the link keys to check, or {@code null} when the service uses no customer links */
	SecretsGuard(Environment environment, List<String> requiredSecrets, CustomerLinkSettings customerLinks) {
		this.environment = environment;
		this.requiredSecrets = requiredSecrets;
		this.customerLinks = customerLinks;
	}

	@Override
	public void afterSingletonsInstantiated() {
		var problems = new ArrayList<String>();
		for (var property : requiredSecrets) {
			check(property, environment.getProperty(property), problems);
		}
		if (customerLinks != null && customerLinks.keys().isEmpty()) {
			problems.add("postpurchase.security.customer-links.keys: none configured");
		}
		for (int i = 0; customerLinks != null && i < customerLinks.keys().size(); i++) {
			check("postpurchase.security.customer-links.keys[" + i + "].secret", customerLinks.keys().get(i).secret(),
					problems);
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Refusing to start the prod profile with unsafe secrets: "
					+ String.join("; ", problems));
		}
	}

	private static void check(String property, String value, List<String> problems) {
		if (value == null || value.isBlank()) {
			problems.add(property + ": not set");
		}
		else if (value.length() < MIN_LENGTH) {
			problems.add(property + ": shorter than " + MIN_LENGTH + " characters");
		}
		else if (DEVELOPMENT_MARKERS.stream().anyMatch(marker -> value.toLowerCase(Locale.ROOT).startsWith(marker))) {
			problems.add(property + ": a development value");
		}
	}

}
