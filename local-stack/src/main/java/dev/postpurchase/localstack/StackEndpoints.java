package dev.postpurchase.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the running stack can be reached.
 *
 * @param services service name to its base URL, e.g. {@code order-service -> http://localhost:8081}
 * @param kafkaBootstrapServers the broker, e.g. {@code localhost:9092}
 * @param mongoUri the MongoDB connection string, without a database
 * @param secretsFile where the development secrets are kept
 * @param secrets secret name (as in secrets.json) to value
 */
record StackEndpoints(Map<String, URI> services, String kafkaBootstrapServers, String mongoUri, Path secretsFile,
		Map<String, String> secrets) {

	@Override
	public String toString() {
		// never print the secret values
		return "StackEndpoints[services=" + this.services + ", kafka=" + this.kafkaBootstrapServers + ", mongo="
				+ this.mongoUri + ", secretsFile=" + this.secretsFile + "]";
	}
}
