package dev.postpurchase.localstack;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.postpurchase.testkit.DevRoles;
import dev.postpurchase.testkit.FreePorts;

/**
 * The whole platform, as the local stack runs it, for tests in other modules that need to break it on
 * purpose (the reliability suite): Kafka, a MongoDB-compatible server kept in a file, the development
 * issuer and the provider simulators in this JVM, every service in a JVM of its own, all on free ports,
 * the state under {@code home}. Besides where everything is, it offers the faults an operator meets:
 * a service killed and started again, a second instance joining and leaving, the broker, MongoDB or
 * the SMTP server down for a while, a provider answering errors or late; and what the simulated
 * outside world received, for counting.
 *
 * <pre>{@code
 * try (var stack = RunningStack.start(tempDir, Map.of("notifications.collapse-window", "0s"))) {
 *     stack.kill("tracking-service");
 *     stack.restart("tracking-service");
 *     stack.received(RunningStack.Provider.MAIL);
 * }
 * }</pre>
 */
public final class RunningStack implements AutoCloseable {

	/** Enough for the longest reliability run; each kind is kept separately. */
	private static final int KEEP = 50_000;

	/** A provider of the outside world, simulated by the stack. */
	public enum Provider {

		/** The SMTP server that captures email. */
		MAIL,

		/** Twilio's Messages API. */
		SMS,

		/** The WhatsApp Cloud API. */
		WHATSAPP,

		/** Stripe's Refunds API. */
		PAYMENTS

	}

	private final Stack stack;

	private final StackEndpoints endpoints;

	private final int smtpPort;

	private RunningStack(Stack stack, int smtpPort) {
		this.stack = stack;
		this.endpoints = stack.endpoints();
		this.smtpPort = smtpPort;
	}

	/**
	 * Starts the platform on free ports and returns once every service is ready.
	 *
	 * @param home where the stack keeps its state (Kafka's log, the MongoDB file, secrets, tokens)
	 * @param serviceProperties settings every service gets on top of the local stack's
	 * @param out where the services' output goes, line by line behind their names
	 */
	public static RunningStack start(Path home, Map<String, String> serviceProperties, PrintStream out) {
		var ports = FreePorts.find(5 + Service.ALL.size());
		var environment = new HashMap<String, String>();
		var variables = List.of("KAFKA_PORT", "MONGO_PORT", "ISSUER_PORT", "SMTP_PORT", "SIMULATORS_PORT");
		for (int i = 0; i < variables.size(); i++) {
			environment.put(variables.get(i), String.valueOf(ports[i]));
		}
		for (int i = 0; i < Service.ALL.size(); i++) {
			environment.put(Service.ALL.get(i).portVariable(), String.valueOf(ports[variables.size() + i]));
		}
		// a machine busy restarting several services at once is slow: give each more time to become ready
		environment.put("LOCAL_STACK_STARTUP_TIMEOUT", "300");
		// durable MongoDB (the H2 file), as the local stack runs by default: it survives a stop and start
		var settings = Settings.from(List.of(), environment, home);
		var stack = new Stack(settings, environment, out, serviceProperties, KEEP);
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			stack.stop();
			throw ex;
		}
		return new RunningStack(stack, Integer.parseInt(environment.get("SMTP_PORT")));
	}

	/** A service's base URL, e.g. {@code http://localhost:41234} for {@code order-service}. */
	public URI url(String service) {
		var url = this.endpoints.services().get(service);
		if (url == null) {
			throw new IllegalArgumentException("No service '" + service + "'; known: " + this.endpoints.services().keySet());
		}
		return url;
	}

	/** A bearer token of the development issuer for the role, valid for days. */
	public String token(DevRoles role) {
		return this.endpoints.tokens().get(role.id());
	}

	/**
	 * A development secret by its name in {@code secrets.json}, e.g. {@code shopifyWebhookSecret},
	 * {@code aftershipWebhookSecret}.
	 */
	public String secret(String name) {
		var secret = this.endpoints.secrets().get(name);
		if (secret == null) {
			throw new IllegalArgumentException("No secret '" + name + "'");
		}
		return secret;
	}

	public String kafkaBootstrapServers() {
		return this.endpoints.kafkaBootstrapServers();
	}

	/** The SMTP server that captures the platform's email, on localhost. */
	public int smtpPort() {
		return this.smtpPort;
	}

	/** The provider simulators' page and APIs. */
	public URI simulators() {
		return this.stack.simulators().baseUrl();
	}

	/** Kills the service's JVM (SIGKILL: no graceful shutdown) and returns once it is gone. */
	public void kill(String service) {
		this.stack.kill(service);
	}

	/** Starts a killed service again with the same command and port; returns once it is ready. */
	public void restart(String service) {
		this.stack.restart(service);
	}

	/** Starts again every service that is not running (killed and not restarted); returns once they are ready. */
	public void restartExited() {
		this.stack.restartExited();
	}

	/** Starts a second instance of the service on a free port; returns once it is ready. Closing it stops it gracefully. */
	public Instance startInstance(String service) {
		var port = FreePorts.find(1)[0];
		return new Instance(this.stack, this.stack.startInstance(service, port));
	}

	/** Shuts the Kafka broker down; its clients fail to reach it until {@link #startKafka()}. */
	public void stopKafka() {
		this.stack.kafka().stop();
	}

	/** Starts the broker again, on the same port with the same data. */
	public void startKafka() {
		this.stack.kafka().start();
	}

	/** Shuts the MongoDB-compatible server down (closing every connection); its data stays in the file. */
	public void stopMongo() {
		this.stack.mongo().stop();
	}

	/** Starts MongoDB again, on the same port with the same data. */
	public void startMongo() {
		this.stack.mongo().start();
	}

	/** Shuts the SMTP server down: connections are refused until {@link #startSmtp()}. */
	public void stopSmtp() {
		this.stack.simulators().mail().stop();
	}

	public void startSmtp() {
		this.stack.simulators().mail().start();
	}

	/**
	 * Makes a provider fail for {@code duration}: every request is answered with {@code status} (0 for
	 * a normal answer), after {@code delay} ({@link Duration#ZERO} for none). Not for {@link Provider#MAIL}:
	 * stop the SMTP server instead.
	 */
	public void fail(Provider provider, int status, Duration delay, Duration duration) {
		faults(provider).set(status, delay.toMillis(), duration);
	}

	/** Ends a provider's fault now. */
	public void heal(Provider provider) {
		faults(provider).clear();
	}

	/** What the provider received and accepted, oldest first, each as its listing in the simulators' JSON shows it. */
	public List<Map<String, Object>> received(Provider provider) {
		var simulators = this.stack.simulators();
		return switch (provider) {
			case MAIL -> simulators.mail().messages();
			case SMS -> simulators.sms().messages();
			case WHATSAPP -> simulators.whatsApp().messages();
			case PAYMENTS -> simulators.payments().messages();
		};
	}

	/** Stops everything: the services gracefully, then the infrastructure. */
	@Override
	public void close() {
		this.stack.stop();
	}

	private Faults faults(Provider provider) {
		var simulators = this.stack.simulators();
		return switch (provider) {
			case MAIL -> throw new IllegalArgumentException("The SMTP server has no faults: stop and start it");
			case SMS -> simulators.sms().faults();
			case WHATSAPP -> simulators.whatsApp().faults();
			case PAYMENTS -> simulators.payments().faults();
		};
	}

	/** One more instance of a service, on a port of its own. */
	public static final class Instance implements AutoCloseable {

		private final Stack stack;

		private final ServiceProcess process;

		private Instance(Stack stack, ServiceProcess process) {
			this.stack = stack;
			this.process = process;
		}

		public URI url() {
			return URI.create("http://localhost:" + this.process.port());
		}

		/** Stops it gracefully, as a scale-down would, and returns once it has exited. */
		@Override
		public void close() {
			this.stack.stopInstance(this.process);
		}

	}

}
