package dev.postpurchase.bench.platform;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A platform deployed already, from {@code --target}: {@code local} (a local stack on its default
 * ports) or a comma-separated list of {@code name=url} overriding those defaults, e.g.
 * {@code tracking-service=http://10.0.0.5:8082,kafka=10.0.0.9:9092,simulators=http://10.0.0.7:8089}.
 * Names: the services ({@code order-service}, ...), {@code simulators}, {@code kafka} and {@code mongo}
 * (tracking-service's MongoDB, e.g. {@code mongo=mongodb://host:27017}: only with it are the cost-growth
 * levels seeded, since they write up to a million shipments into its collection).
 */
public final class Targets {

	private static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry("order-service", "http://localhost:8081"),
			Map.entry("tracking-service", "http://localhost:8082"),
			Map.entry("notification-service", "http://localhost:8083"),
			Map.entry("returns-service", "http://localhost:8084"),
			Map.entry("cx-metrics-service", "http://localhost:8085"), Map.entry("customer-pages", "http://localhost:8080"),
			Map.entry("simulators", "http://localhost:8089"), Map.entry("kafka", "localhost:9092"),
			// seeding writes up to a million shipments into tracking-service's collection: only when asked to
			Map.entry("mongo", "none"));

	private Targets() {
	}

	public static Platform parse(String target, Path tokensFile) {
		var values = new LinkedHashMap<>(DEFAULTS);
		if (!target.equals("local")) {
			for (var pair : target.split(",")) {
				var parts = pair.split("=", 2);
				if (parts.length != 2 || !DEFAULTS.containsKey(parts[0].strip())) {
					throw new IllegalArgumentException("--target: '" + pair + "' is not name=url with a name of "
							+ DEFAULTS.keySet());
				}
				values.put(parts[0].strip(), parts[1].strip());
			}
		}
		var services = new LinkedHashMap<String, URI>();
		Platform.SERVICES.forEach(service -> services.put(service, URI.create(values.get(service))));
		var mongo = values.get("mongo").equals("none") ? null : values.get("mongo");
		return new Platform(services, URI.create(values.get("simulators")), values.get("kafka"), mongo,
				EmbeddedStack.readTokens(tokensFile), "deployed: " + target + " (as configured there)", Map.of());
	}
}
