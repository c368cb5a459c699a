package dev.postpurchase.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What one run of the local stack uses, from the command line and environment variables.
 *
 * @param home where the stack keeps its state ({@code .local-stack/} in the working directory)
 * @param kafkaPort {@code KAFKA_PORT}, default 9092
 * @param mongoPort {@code MONGO_PORT}, default 27017
 * @param issuerPort the development OAuth2 issuer's, {@code ISSUER_PORT}, default 8090
 * @param mongoInMemory {@code --in-memory}: MongoDB data is not kept
 * @param demo {@code --demo}: send demo traffic once the stack is up
 * @param startupTimeout how long services may take to become ready, {@code LOCAL_STACK_STARTUP_TIMEOUT} in seconds
 * @param part which part of the stack runs: all of it, or one part on its own while the rest runs elsewhere
 */
record Settings(Path home, int kafkaPort, int mongoPort, int issuerPort, boolean mongoInMemory, boolean demo,
		Duration startupTimeout, Part part) {

	static final String USAGE = "Usage: java -jar local-stack/target/local-stack.jar [--demo] [--in-memory] | --simulators"
			+ " | --demo-only";

	/** What one run starts. */
	enum Part {

		/** Everything: Kafka, MongoDB, the issuer, the simulators and every service (and the demo with {@code --demo}). */
		WHOLE_STACK(null),

		/** {@code --simulators}: only the provider simulators and the development issuer, for every interface. */
		SIMULATORS("--simulators"),

		/** {@code --demo-only}: only the demo traffic, against services that run already. */
		DEMO("--demo-only");

		private final String argument;

		Part(String argument) {
			this.argument = argument;
		}
	}

	static Settings from(List<String> args, Map<String, String> environment, Path workingDirectory) {
		var part = Part.WHOLE_STACK;
		for (var arg : args) {
			var alone = Arrays.stream(Part.values()).filter(candidate -> arg.equals(candidate.argument)).findFirst();
			if (alone.isPresent() && args.size() == 1) {
				part = alone.get();
			}
			else if (alone.isPresent()) {
				throw new IllegalArgumentException(arg + " goes alone. " + USAGE);
			}
			else if (!arg.equals("--demo") && !arg.equals("--in-memory")) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'. " + USAGE);
			}
		}
		return new Settings(workingDirectory.resolve(".local-stack").toAbsolutePath().normalize(),
				port(environment, "KAFKA_PORT", 9092), port(environment, "MONGO_PORT", 27017),
				port(environment, "ISSUER_PORT", 8090),
				args.contains("--in-memory"), args.contains("--demo"),
				Duration.ofSeconds(number(environment, "LOCAL_STACK_STARTUP_TIMEOUT", 180)), part);
	}

	/** The provider simulators' HTTP port, {@code SIMULATORS_PORT}, default 8089. */
	static int simulatorsPort(Map<String, String> environment) {
		return port(environment, "SIMULATORS_PORT", 8089);
	}

	Path kafkaDir() {
		return this.home.resolve("kafka");
	}

	Path mongoFile() {
		return this.home.resolve("mongo").resolve("data.mv");
	}

	Path secretsFile() {
		return this.home.resolve("secrets.json");
	}

	/** The development issuer's signing key (a private JWK). */
	Path issuerKeyFile() {
		return this.home.resolve("issuer").resolve("signing-key.json");
	}

	/** A ready-to-use token per role, rewritten on every start. */
	Path tokensFile() {
		return this.home.resolve("tokens.json");
	}

	static int port(Map<String, String> environment, String variable, int defaultPort) {
		int port = number(environment, variable, defaultPort);
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException(variable + " must be a port number, not " + port);
		}
		return port;
	}

	private static int number(Map<String, String> environment, String variable, int defaultValue) {
		var value = environment.get(variable);
		if (value == null || value.isBlank()) {
			return defaultValue;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(variable + " must be a number, not '" + value + "'", ex);
		}
	}
}
