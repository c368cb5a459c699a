package dev.postpurchase.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The command and environment that start one service in its own JVM.
 *
 * <p>Secrets, and the settings that go with them (the development issuer's, the signing key ids),
 * travel in {@code SPRING_APPLICATION_JSON} rather than as arguments: a process's environment is
 * private to its user, its command line is visible to everyone ({@code ps}).
 */
record ServiceCommand(List<String> command, Map<String, String> environment) {

	static final String SERVICE_ARGUMENT = "--service=";

	static final String PORT_ARGUMENT = "--server.port=";

	/**
	 * A modest heap each, so five services fit on a laptop; an OOM ends the JVM rather than limping on.
	 * The serial collector: six JVMs share the machine's few cores, and for heaps this small it spends
	 * the least CPU (no concurrent collector threads competing with the others' work).
	 */
	static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
			// the parent decodes the child's output as UTF-8 (Java 17's default charset follows the locale)
			"-Dfile.encoding=UTF-8");

	static ServiceCommand of(Path java, Launcher launcher, Service service, int port, String kafkaBootstrapServers,
			String mongoUri, Map<String, String> environmentProperties) {
		var command = new ArrayList<String>();
		command.add(java.toString());
		command.addAll(JVM_OPTIONS);
		command.addAll(launcher.javaArguments());
		command.add(SERVICE_ARGUMENT + service.name());
		command.add("--spring.config.name=" + service.name());
		command.add(PORT_ARGUMENT + port);
		command.add("--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers);
		command.add("--spring.mongodb.uri=" + mongoUri);
		var environment = Map.of("SPRING_APPLICATION_JSON", JsonMapper.shared().writeValueAsString(environmentProperties));
		return new ServiceCommand(List.copyOf(command), environment);
	}

	/** The same service with the same settings, listening on another port (another instance of it). */
	ServiceCommand onPort(int port) {
		var moved = this.command.stream()
			.map(argument -> argument.startsWith(PORT_ARGUMENT) ? PORT_ARGUMENT + port : argument)
			.toList();
		return new ServiceCommand(moved, this.environment);
	}

	/** The java executable of this JVM. */
	static Path currentJava() {
		return Path.of(System.getProperty("java.home"), "bin", "java");
	}
}
