package dev.postpurchase.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import dev.postpurchase.testkit.DevIssuer;
import dev.postpurchase.testkit.DevRoles;
import dev.postpurchase.testkit.EmbeddedKafka;
import dev.postpurchase.testkit.EmbeddedMongo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running platform: the development OAuth2 issuer, Kafka and MongoDB in this JVM, each service
 * in a child JVM. Stopping it stops the services first (so they can finish their work), then the
 * issuer, Kafka and MongoDB.
 */
final class Stack {

	private static final Logger log = LoggerFactory.getLogger(Stack.class);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

	private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);

	/** The operators' page of the customer pages (served by customer-pages, behind a metrics:read bearer token). */
	static final String OPS_PAGE = "/ops";

	private final Settings settings;

	private final Map<String, String> environment;

	private final PrintStream out;

	/** Every service JVM started, including restarted and extra instances: all are stopped with the stack. */
	private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();

	/** The instance of each service on its own port, by service name. */
	private final Map<String, ServiceProcess> instances = new ConcurrentHashMap<>();

	/** How each service was started, by service name: a restart or another instance uses the same. */
	private final Map<String, ServiceCommand> commands = new ConcurrentHashMap<>();

	private final Map<String, String> serviceProperties;

	private final int keep;

	private StackEndpoints endpoints;

	private final CountDownLatch stopped = new CountDownLatch(1);

	private EmbeddedKafka kafka;

	private EmbeddedMongo mongo;

	private DevIssuer issuer;

	private Simulators simulators;

	private DemoTraffic demo;

	private boolean stopping;

	Stack(Settings settings, Map<String, String> environment, PrintStream out) {
		this(settings, environment, out, Map.of(), Simulators.KEEP);
	}

	/**
	 * @param serviceProperties settings every service gets on top of the stack's own (they win)
	 * @param keep how many messages of each kind the simulators keep
	 */
	Stack(Settings settings, Map<String, String> environment, PrintStream out, Map<String, String> serviceProperties,
			int keep) {
		this.settings = settings;
		this.environment = environment;
		this.out = out;
		this.serviceProperties = Map.copyOf(serviceProperties);
		this.keep = keep;
	}

	/** Starts everything and returns once every service is ready. */
	void start() {
		checkPortsFree();
		createHome();
		var secrets = DevSecrets.loadOrCreate(this.settings.secretsFile(), this.environment);

		synchronized (this) {
			this.issuer = DevIssuer.withKeyFile(this.settings.issuerKeyFile(), this.settings.issuerPort());
			this.mongo = this.settings.mongoInMemory() ? EmbeddedMongo.inMemory(this.settings.mongoPort())
					: EmbeddedMongo.file(this.settings.mongoFile(), this.settings.mongoPort());
			this.kafka = new EmbeddedKafka(this.settings.kafkaDir(), this.settings.kafkaPort());
		}
		this.issuer.start();
		var tokens = DevTokens.write(this.issuer, this.settings.tokensFile());
		log.info("Development OAuth2 issuer on {} (key {}); tokens in {}", this.issuer.issuer(), this.issuer.keyId(),
				this.settings.tokensFile());
		this.mongo.start();
		log.info("MongoDB-compatible server on {} ({})", this.mongo.connectionString(), mongoStorage());
		this.kafka.start();
		log.info("Kafka broker on {} (data in {})", this.kafka.bootstrapServers(), this.settings.kafkaDir());
		int smtpPort = smtpPort();
		int simulatorsPort = simulatorsPort();
		int notificationServicePort = Service.named("notification-service").orElseThrow().port(this.environment);
		int returnsServicePort = Service.named("returns-service").orElseThrow().port(this.environment);
		synchronized (this) {
			this.simulators = new Simulators(Simulators.Settings.of(simulatorsPort, smtpPort, secrets,
					URI.create("http://localhost:" + notificationServicePort)), Clock.systemUTC(), this.keep);
		}
		this.simulators.start();
		log.info("SMTP server on localhost:{}; provider simulators (Twilio, WhatsApp Cloud API, Stripe) on {}; everything "
				+ "received at {}/", smtpPort, this.simulators.baseUrl(), this.simulators.baseUrl());

		var launcher = Launcher.current();
		var java = ServiceCommand.currentJava();
		// in the environment, not on the command line: secrets, and the issuer so that every service trusts it
		var properties = new LinkedHashMap<>(DevSecrets.asProperties(secrets));
		properties.putAll(this.issuer.resourceServerProperties());
		properties.put("spring.mail.port", String.valueOf(smtpPort));
		properties.putAll(Simulators.notificationServiceProperties(simulatorsPort, notificationServicePort));
		properties.putAll(Simulators.returnsServiceProperties(simulatorsPort, returnsServicePort));
		properties.putAll(customerPagesProperties());
		if (this.settings.demo()) {
			// demo time runs fast: parcels the demo stops scanning show as stalled within minutes, not days
			properties.put("tracking.exceptions.stall-after", "10m");
			properties.put("tracking.exceptions.no-info-after", "10m");
		}
		properties.putAll(PropertyOverrides.from(this.environment));
		properties.putAll(this.serviceProperties);
		var serviceUrls = new LinkedHashMap<String, URI>();
		for (var service : Service.ALL) {
			int port = service.port(this.environment);
			var command = ServiceCommand.of(java, launcher, service, port, this.kafka.bootstrapServers(),
					this.mongo.connectionString(), properties);
			synchronized (this) {
				if (this.stopping) {
					return;
				}
				this.commands.put(service.name(), command);
				this.instances.put(service.name(), launch(service, port, command));
			}
			serviceUrls.put(service.name(), URI.create("http://localhost:" + port));
			log.info("Starting {} on port {}", service.name(), port);
		}

		awaitReady(this.services);
		var endpoints = new StackEndpoints(serviceUrls, this.kafka.bootstrapServers(), this.mongo.connectionString(),
				URI.create(this.issuer.issuer()), URI.create(this.issuer.jwkSetUri()), this.settings.secretsFile(), secrets,
				this.settings.tokensFile(), tokens);
		synchronized (this) {
			this.endpoints = endpoints;
		}
		printBanner(endpoints);
		if (this.settings.demo()) {
			synchronized (this) {
				this.demo = DemoTraffic.start(endpoints.services(), endpoints.secrets().get("shopifyWebhookSecret"),
						endpoints.tokens());
			}
		}
	}

	/**
	 * The customer pages call the other services where they run here, as a proxy they trust, and the
	 * messages link to the pages where they run here.
	 */
	private Map<String, String> customerPagesProperties() {
		var properties = new LinkedHashMap<String, String>();
		// the pages call the customer APIs for every customer from this machine: the services count each
		// customer by the address the pages forward for
		properties.put("postpurchase.security.rate-limit.trusted-proxies", "127.0.0.1,0:0:0:0:0:0:0:1");
		for (var service : Service.ALL) {
			var url = "http://localhost:" + service.port(this.environment);
			if (service.name().equals("customer-pages")) {
				properties.put("postpurchase.links.base-url", url);
			}
			else {
				properties.put("pages.backends." + service.name(), url);
			}
		}
		return properties;
	}

	/** Stops everything; safe to call more than once and from a shutdown hook. */
	void stop() {
		synchronized (this) {
			if (this.stopping) {
				return;
			}
			this.stopping = true;
		}
		try {
			log.info("Stopping the local stack");
			if (this.demo != null) {
				this.demo.close();
			}
			stopServices();
			if (this.issuer != null) {
				this.issuer.stop();
			}
			if (this.simulators != null) {
				this.simulators.close();
			}
			if (this.kafka != null) {
				this.kafka.stop();
			}
			if (this.mongo != null) {
				this.mongo.stop();
			}
			log.info("Local stack stopped");
		}
		finally {
			this.stopped.countDown();
		}
	}

	synchronized boolean isStopping() {
		return this.stopping;
	}

	void awaitStop() throws InterruptedException {
		this.stopped.await();
	}

	/** The services' JVMs, started so far. */
	List<ProcessHandle> serviceProcesses() {
		return this.services.stream().map(ServiceProcess::handle).toList();
	}

	/** Where the running stack is reached, and its credentials; null until it is up. */
	synchronized StackEndpoints endpoints() {
		return this.endpoints;
	}

	/**
	 * Kills a service's JVM at once (SIGKILL: no shutdown hooks, no graceful shutdown, as a crash or an
	 * OOM killer would) and returns once it is gone.
	 */
	void kill(String name) {
		var instance = instance(name);
		instance.kill();
		awaitExit(instance, Duration.ofSeconds(30));
	}

	/** Starts a service that is not running again, with the command it was first started with; returns once it is ready. */
	void restart(String name) {
		var stopped = instance(name);
		if (stopped.isAlive()) {
			throw new IllegalStateException(name + " is running; kill it first");
		}
		var restarted = launch(stopped.service(), stopped.port(), this.commands.get(name));
		this.instances.put(name, restarted);
		awaitReady(List.of(restarted));
	}

	/** Restarts every service whose JVM has exited (killed and not restarted, or crashed); returns once they are ready. */
	void restartExited() {
		this.instances.values().stream().filter(instance -> !instance.isAlive()).map(instance -> instance.service().name())
			.toList().forEach(this::restart);
	}

	/**
	 * Starts another instance of a service, with the same command but on {@code port}, as a second
	 * replica: it joins the same consumer groups. Returns once it is ready.
	 */
	ServiceProcess startInstance(String name, int port) {
		var first = instance(name);
		var another = launch(first.service(), port, this.commands.get(name).onPort(port));
		awaitReady(List.of(another));
		return another;
	}

	/** Stops one instance gracefully (as a scale-down would) and returns once it has exited. */
	void stopInstance(ServiceProcess instance) {
		instance.requestStop();
		if (!awaitExit(instance, GRACEFUL_STOP)) {
			instance.kill();
			awaitExit(instance, Duration.ofSeconds(10));
		}
	}

	EmbeddedKafka kafka() {
		return this.kafka;
	}

	EmbeddedMongo mongo() {
		return this.mongo;
	}

	Simulators simulators() {
		return this.simulators;
	}

	private ServiceProcess instance(String name) {
		var instance = this.instances.get(name);
		if (instance == null) {
			throw new IllegalArgumentException("No service '" + name + "' in this stack; known: " + this.instances.keySet());
		}
		return instance;
	}

	private synchronized ServiceProcess launch(Service service, int port, ServiceCommand command) {
		if (this.stopping) {
			throw new IllegalStateException("The stack is stopping");
		}
		var started = ServiceProcess.start(service, port, command, this.out);
		this.services.add(started);
		return started;
	}

	private static boolean awaitExit(ServiceProcess instance, Duration timeout) {
		try {
			return instance.awaitExit(timeout);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + instance.service().name() + " to exit", ex);
		}
	}

	private void stopServices() {
		this.services.forEach(ServiceProcess::requestStop);
		var deadline = Instant.now().plus(GRACEFUL_STOP);
		for (var service : this.services) {
			try {
				var left = Duration.between(Instant.now(), deadline);
				if (!service.awaitExit(left.isNegative() ? Duration.ZERO : left)) {
					log.warn("{} did not stop within {}s; killing it", service.service().name(), GRACEFUL_STOP.toSeconds());
					service.kill();
					service.awaitExit(Duration.ofSeconds(10));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				service.kill();
			}
		}
	}

	private void awaitReady(List<ServiceProcess> started) {
		var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		var deadline = Instant.now().plus(this.settings.startupTimeout());
		for (var service : started) {
			var name = service.service().name();
			var readiness = URI.create("http://localhost:" + service.port() + "/actuator/health/readiness");
			while (!isReady(client, readiness)) {
				if (!service.isAlive()) {
					throw new StartupException(name + " exited with code " + service.exitValue()
							+ " before it was ready; its output is above, prefixed '" + name + "'");
				}
				if (Instant.now().isAfter(deadline)) {
					throw new StartupException(name + " was not ready within " + this.settings.startupTimeout().toSeconds()
							+ "s (GET " + readiness + " never answered 200); set LOCAL_STACK_STARTUP_TIMEOUT (seconds) to wait longer");
				}
				try {
					service.awaitExit(POLL_INTERVAL); // the pause between attempts, cut short if it dies
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new StartupException("Interrupted while waiting for " + name);
				}
			}
			service.markReady();
			log.info("{} is ready", name);
		}
	}

	private static boolean isReady(HttpClient client, URI readiness) {
		var request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build();
		try {
			return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false; // not listening yet
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Fails fast with a clear message instead of a bind error deep in a child's output. */
	private void checkPortsFree() {
		var ports = new LinkedHashMap<String, Integer>();
		ports.put("Kafka (KAFKA_PORT)", this.settings.kafkaPort());
		ports.put("MongoDB (MONGO_PORT)", this.settings.mongoPort());
		ports.put("OAuth2 issuer (ISSUER_PORT)", this.settings.issuerPort());
		ports.put("SMTP server (SMTP_PORT)", smtpPort());
		ports.put("provider simulators (SIMULATORS_PORT)", simulatorsPort());
		Service.ALL.forEach(service -> ports.put(service.name() + " (" + service.portVariable() + ")",
				service.port(this.environment)));
		var taken = new ArrayList<String>();
		ports.forEach((what, port) -> {
			try (var probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				// bound, so free; closed again right away
			}
			catch (IOException ex) {
				taken.add(what + " port " + port);
			}
		});
		if (!taken.isEmpty()) {
			throw new StartupException("Already in use: " + String.join(", ", taken)
					+ ". Is another local stack running? Stop it, or choose other ports with the variables named.");
		}
	}

	private int smtpPort() {
		return Settings.port(this.environment, "SMTP_PORT", 3025);
	}

	private int simulatorsPort() {
		return Settings.simulatorsPort(this.environment);
	}

	private void createHome() {
		try {
			Files.createDirectories(this.settings.home());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + this.settings.home(), ex);
		}
	}

	private String mongoStorage() {
		return this.settings.mongoInMemory() ? "in memory: data is lost on stop"
				: "H2 file " + this.settings.mongoFile();
	}

	private void printBanner(StackEndpoints endpoints) {
		var banner = new StringBuilder();
		var rule = "=".repeat(78);
		banner.append('\n').append(rule).append('\n');
		banner.append("  Post-Purchase Ops local stack is up").append(this.settings.demo() ? " (demo traffic on)" : "").append('\n');
		banner.append('\n');
		endpoints.services().forEach((name, url) -> banner.append(row(name, url.toString())));
		banner.append(row("Kafka bootstrap", endpoints.kafkaBootstrapServers()));
		banner.append(row("MongoDB", endpoints.mongoUri() + "  (" + mongoStorage() + ")"));
		banner.append(row("OAuth2 issuer", endpoints.issuer() + "  (JWKS " + endpoints.jwkSetUri() + ")"));
		var pages = endpoints.services().get("customer-pages");
		if (pages != null) {
			banner.append(row("Customer pages", pages + "/track/{orderId}?token=...  (the links in the messages lead here)"));
			banner.append(row("Ops page", pages + OPS_PAGE + "  (needs a metrics:read bearer, e.g. the analyst token "
					+ "in the tokens file)"));
			if (this.settings.demo()) {
				banner.append(row("Sample tracking page", "logged below as soon as the demo has placed its first order"));
			}
		}
		banner.append(row("Provider simulators", this.simulators.baseUrl() + "/  (mail, SMS, WhatsApp, refunds received)"));
		banner.append(row("Tokens", endpoints.tokensFile() + "  (one per role, valid " + DevTokens.VALIDITY.toDays() + " days)"));
		banner.append(row("Secrets", endpoints.secretsFile().toString()));
		banner.append(row("State", this.settings.home().toString()));
		banner.append('\n');
		banner.append("  Roles: ");
		banner.append(Arrays.stream(DevRoles.values())
			.map(role -> role.id() + " (" + String.join(" ", role.scopes()) + ")")
			.collect(Collectors.joining(", ")));
		banner.append('\n');
		banner.append("  Call an API as the agent role (any role above works the same way):").append('\n');
		banner.append("    ").append(DevTokens.readCommand(DevRoles.AGENT, endpoints.tokensFile()));
		banner.append("; curl -sS -H \"Authorization: Bearer $TOKEN\" '");
		banner.append(endpoints.services().get("order-service")).append("/api/v1/orders?status=PLACED&limit=5'").append('\n');
		banner.append('\n');
		banner.append("  Ctrl-C to stop").append('\n');
		banner.append(rule).append('\n');
		this.out.println(banner);
	}

	private static String row(String label, String value) {
		return String.format("  %-22s %s%n", label, value);
	}

	/** Startup failed for a reason the message explains; no stack trace needed. */
	static final class StartupException extends RuntimeException {

		StartupException(String message) {
			super(message);
		}
	}
}
