package dev.postpurchase.bench.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform on the embedded default, started for the benchmark: {@code java -jar local-stack.jar
 * --in-memory} as a child process in a fresh working directory (so its Kafka data and tokens are its
 * own), on free ports, with the settings the benchmark measures under in {@code LOCAL_STACK_PROPERTIES}.
 * Stopping it stops the services (they end with the stack).
 */
public final class EmbeddedStack implements AutoCloseable {

	private static final List<String> INFRASTRUCTURE = List.of("KAFKA_PORT", "MONGO_PORT", "ISSUER_PORT", "SMTP_PORT",
			"SIMULATORS_PORT");

	private final Process process;

	private final Platform platform;

	private final Path log;

	private EmbeddedStack(Process process, Platform platform, Path log) {
		this.process = process;
		this.platform = platform;
		this.log = log;
	}

	/**
	 * Starts the stack and returns when every service is ready.
	 *
	 * @param jar local-stack's executable jar
	 * @param home the stack's working directory (created; its {@code .local-stack/} holds tokens and Kafka data)
	 * @param properties settings for every service, on top of the stack's
	 * @param jvmOptions options of the stack's own JVM (Kafka, MongoDB, simulators), e.g. a heap size
	 * @param timeout how long the services may take to become ready
	 */
	public static EmbeddedStack start(Path jar, Path home, Map<String, String> properties, List<String> jvmOptions,
			Duration timeout) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No " + jar + ": build it first (./mvnw -B -q install -DskipTests)");
		}
		try {
			Files.createDirectories(home);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		var names = new ArrayList<String>(INFRASTRUCTURE);
		Platform.SERVICES.forEach(service -> names.add(service.toUpperCase().replace('-', '_') + "_PORT"));
		var ports = freePorts(names.size());
		var environment = new LinkedHashMap<String, String>();
		for (int i = 0; i < names.size(); i++) {
			environment.put(names.get(i), String.valueOf(ports[i]));
		}
		environment.put("LOCAL_STACK_PROPERTIES", JsonMapper.shared().writeValueAsString(properties));
		environment.put("LOCAL_STACK_STARTUP_TIMEOUT", String.valueOf(timeout.toSeconds()));
		var command = new ArrayList<String>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--in-memory"));
		var log = home.resolve("stack.log");
		var builder = new ProcessBuilder(command).directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + jar, ex);
		}
		var services = new LinkedHashMap<String, URI>();
		Platform.SERVICES.forEach(service -> services.put(service,
				URI.create("http://localhost:" + environment.get(service.toUpperCase().replace('-', '_') + "_PORT"))));
		var simulators = URI.create("http://localhost:" + environment.get("SIMULATORS_PORT"));
		var stack = new EmbeddedStack(process, null, log);
		try {
			awaitReady(process, services, simulators, log, timeout);
			var tokens = readTokens(home.resolve(".local-stack").resolve("tokens.json"));
			var platform = new Platform(services, simulators, "localhost:" + environment.get("KAFKA_PORT"),
					"mongodb://localhost:" + environment.get("MONGO_PORT"), tokens,
					"embedded: java -jar " + jar.getFileName() + " --in-memory (Kafka KRaft broker, mongo-java-server "
							+ "memory backend, provider simulators and the development issuer in the stack's JVM; each "
							+ "service in its own JVM)",
					serviceProcesses(process));
			return new EmbeddedStack(process, platform, log);
		}
		catch (RuntimeException | Error ex) {
			stack.close();
			throw ex;
		}
	}

	public Platform platform() {
		return this.platform;
	}

	/** The stack's own JVM: Kafka, MongoDB, the simulators and the issuer. */
	public ProcessHandle stackProcess() {
		return this.process.toHandle();
	}

	public Path log() {
		return this.log;
	}

	private static void awaitReady(Process process, Map<String, URI> services, URI simulators, Path log,
			Duration timeout) {
		var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		var deadline = Instant.now().plus(timeout);
		var probes = new ArrayList<URI>();
		services.values().forEach(url -> probes.add(url.resolve("/actuator/health/readiness")));
		probes.add(simulators.resolve("/sms"));
		for (var probe : probes) {
			while (!answers(client, probe)) {
				if (!process.isAlive()) {
					throw new IllegalStateException("The local stack exited with code " + process.exitValue()
							+ " before it was ready; see " + log);
				}
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException(probe + " did not answer within " + timeout.toSeconds() + " s; see " + log);
				}
				sleep(Duration.ofMillis(500));
			}
		}
	}

	private static boolean answers(HttpClient client, URI url) {
		try {
			return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	static Map<String, String> readTokens(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("No tokens at " + file);
		}
		return JsonMapper.shared().readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() {
		});
	}

	/** The service JVMs the stack started, by the {@code --service=<name>} they were given. */
	private static Map<String, ProcessHandle> serviceProcesses(Process stack) {
		var processes = new LinkedHashMap<String, ProcessHandle>();
		stack.toHandle().children().forEach(child -> child.info().arguments().ifPresent(arguments -> {
			for (var argument : arguments) {
				if (argument.startsWith("--service=")) {
					processes.put(argument.substring("--service=".length()), child);
				}
			}
		}));
		return processes;
	}

	private static int[] freePorts(int count) {
		var sockets = new ArrayList<ServerSocket>();
		try {
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free local port", ex);
		}
		finally {
			for (var socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ignored) {
					// released with the process at the latest
				}
			}
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/** Stops the stack gracefully (SIGTERM), forcibly after a minute. */
	@Override
	public void close() {
		this.process.toHandle().destroy();
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}
}
