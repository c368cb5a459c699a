package dev.postpurchase.localstack;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the running stack can be reached, and with which credentials.
 *
 * @param services service name to its base URL, e.g. {@code order-service -> http://localhost:8081}
 * @param kafkaBootstrapServers the broker, e.g. {@code localhost:9092}
 * @param mongoUri the MongoDB connection string, without a database
 * @param issuer the development OAuth2 issuer's base URL (its {@code iss}), e.g. {@code http://localhost:8090}
 * @param jwkSetUri where the services fetch the issuer's public key
 * @param secretsFile where the development secrets are kept
 * @param secrets secret name (as in secrets.json) to value
 * @param tokensFile where the ready-to-use tokens are written
 * @param tokens role id (as in tokens.json, e.g. {@code platform}) to a bearer token
 */
record StackEndpoints(Map<String, URI> services, String kafkaBootstrapServers, String mongoUri, URI issuer, URI jwkSetUri,
		Path secretsFile, Map<String, String> secrets, Path tokensFile, Map<String, String> tokens) {

	@Override
	public String toString() {
		// never print the secret values or the tokens
		return "StackEndpoints[services=" + this.services + ", kafka=" + this.kafkaBootstrapServers + ", mongo="
				+ this.mongoUri + ", issuer=" + this.issuer + ", secretsFile=" + this.secretsFile + ", tokensFile="
				+ this.tokensFile + "]";
	}
}
