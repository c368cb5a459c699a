package dev.postpurchase.localstack;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine, without Docker: a development OAuth2 issuer, Kafka, a
 * MongoDB-compatible server and the provider simulators (mail, SMS, WhatsApp; see {@link Simulators})
 * in this JVM, every service in a JVM of its own.
 *
 * <pre>
 * java -jar local-stack/target/local-stack.jar [--demo] [--in-memory]
 * java -jar local-stack/target/local-stack.jar --simulators | --demo-only
 * </pre>
 *
 * State (Kafka data, MongoDB file, development secrets, the development issuer's signing key, a
 * token per role) is kept under {@code .local-stack/} in the working directory. Environment
 * variables: {@code KAFKA_PORT}, {@code MONGO_PORT}, {@code ISSUER_PORT}, {@code SMTP_PORT},
 * {@code SIMULATORS_PORT}, {@code <SERVICE>_PORT}
 * (e.g. {@code ORDER_SERVICE_PORT}), {@code LOCAL_STACK_STARTUP_TIMEOUT} (seconds), one per
 * secret (e.g. {@code SHOPIFY_WEBHOOK_SECRET}, {@code CUSTOMER_LINK_SECRET}) and
 * {@code LOCAL_STACK_PROPERTIES} (settings for every service on top of the stack's, see
 * {@link PropertyOverrides}).
 *
 * <p>With {@code --service=<name>} first, the same main method runs that one service instead
 * (that is how the stack starts its children). With {@code --simulators} or {@code --demo-only} it runs
 * only that part, the rest running elsewhere (docker compose; see {@link Standalone}).
 */
public final class LocalStack {

	private LocalStack() {
	}

	public static void main(String[] args) throws Throwable {
		if (args.length > 0 && args[0].startsWith(ServiceCommand.SERVICE_ARGUMENT)) {
			ServiceRunner.run(args);
			return;
		}
		if (TopicTail.requested(List.of(args))) {
			if (args.length != 2) {
				System.err.println("Usage: java -jar local-stack/target/local-stack.jar --tail <topic>");
				System.exit(2);
			}
			// the stack's quiet logging (Kafka clients at WARN), not Logback's debug default
			System.setProperty("logback.configurationFile", "local-stack-logback.xml");
			TopicTail.run(args[1], "localhost:" + System.getenv().getOrDefault("KAFKA_PORT", "9092"));
			return;
		}
		// one UTF-8 stream for our log and the services' output (Java 17's default follows the locale)
		System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
		System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
		// before the first logger: the services' JVMs share our class path and keep Spring Boot's logging
		System.setProperty("logback.configurationFile", "local-stack-logback.xml");
		var log = LoggerFactory.getLogger(LocalStack.class);

		Settings settings;
		try {
			settings = Settings.from(List.of(args), System.getenv(), Path.of(""));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		switch (settings.part()) {
			case WHOLE_STACK -> runStack(settings, log);
			case SIMULATORS -> runAlone(() -> Standalone.simulators(settings, System.getenv()), log);
			case DEMO -> runAlone(() -> Standalone.demo(settings, System.getenv()), log);
		}
	}

	private static void runStack(Settings settings, Logger log) throws InterruptedException {
		var stack = new Stack(settings, System.getenv(), System.out);
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			if (!stack.isStopping()) {
				if (ex instanceof Stack.StartupException) {
					log.error("The local stack could not start: {}", ex.getMessage());
				}
				else {
					log.error("The local stack could not start", ex);
				}
				System.exit(1); // the shutdown hook stops whatever did start
			}
		}
		stack.awaitStop();
	}

	/** Runs one part of the stack ({@link Standalone}) until the JVM is stopped (Ctrl-C, {@code docker stop}). */
	private static void runAlone(Supplier<AutoCloseable> part, Logger log) throws InterruptedException {
		AutoCloseable running;
		try {
			running = part.get();
		}
		catch (RuntimeException ex) {
			log.error("Could not start", ex);
			System.exit(1);
			return;
		}
		var stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				running.close();
			}
			catch (Exception ex) {
				log.warn("Could not stop cleanly: {}", ex.toString());
			}
			finally {
				stopped.countDown();
			}
		}, "local-stack-shutdown"));
		stopped.await();
	}
}
