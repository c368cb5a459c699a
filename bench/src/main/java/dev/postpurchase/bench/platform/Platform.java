package dev.postpurchase.bench.platform;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the platform under test answers: every service's base URL, the provider simulators (SMS and
 * mail received), the Kafka broker, tracking-service's MongoDB (for seeding, optional) and the bearer
 * tokens per role.
 *
 * @param services service name ({@code order-service}, ...) to base URL
 * @param simulators the provider simulators' base URL ({@code GET /sms}, {@code GET /mail})
 * @param kafkaBootstrapServers the broker the services use
 * @param mongoUri tracking-service's MongoDB, without a database; null when unknown (no seeding then)
 * @param tokens role id ({@code platform}, {@code carrier}) to a bearer token
 * @param description how it runs, for the report
 * @param processes the service JVMs by name when the benchmark started them (their CPU time is read
 *     from the operating system); empty for a deployed platform
 */
public record Platform(Map<String, URI> services, URI simulators, String kafkaBootstrapServers, String mongoUri,
		Map<String, String> tokens, String description, Map<String, ProcessHandle> processes) {

	/** The services whose metrics are sampled, in the order the report lists them. */
	public static final List<String> SERVICES = List.of("order-service", "tracking-service", "notification-service",
			"returns-service", "cx-metrics-service", "customer-pages");

	public URI service(String name) {
		var url = this.services.get(name);
		if (url == null) {
			throw new IllegalStateException("No URL for " + name);
		}
		return url;
	}

	public String token(String role) {
		return Optional.ofNullable(this.tokens.get(role))
			.orElseThrow(() -> new IllegalStateException("No '" + role + "' token in the tokens file"));
	}

	@Override
	public String toString() {
		// never the tokens
		return "Platform[services=" + this.services + ", simulators=" + this.simulators + ", kafka="
				+ this.kafkaBootstrapServers + ", mongo=" + this.mongoUri + "]";
	}
}
