package dev.postpurchase.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One Kafka broker and one MongoDB per test JVM, started on first use and shared by every test
 * class and Spring context in that JVM; stopped when the JVM exits.
 *
 * <p>With Docker: Testcontainers ({@code apache/kafka:4.1.1}, {@code mongo:8}). Without Docker:
 * {@link EmbeddedKafka} in a temporary directory and an in-memory {@link EmbeddedMongo}, both on
 * free ports. {@code -Dtestkit.infrastructure=embedded} (or {@code containers}) forces a choice.
 *
 * <p>Also one {@link DevIssuer} per test JVM, in this JVM whatever runs Kafka and MongoDB, with an
 * in-memory key, on a free port, started on first use: {@link #issuer()}, or {@link TestTokens}.
 *
 * <p>Spring tests use {@link EnableTestInfrastructure}; plain tests call the static methods.
 */
public final class TestInfrastructure {

	/** System property that forces {@code embedded} or {@code containers}; unset: containers when Docker is available. */
	public static final String MODE_PROPERTY = "testkit.infrastructure";

	private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

	static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

	static final String MONGO_IMAGE = "mongo:8";

	private static Boolean containers;

	private static Running running;

	private static DevIssuer issuer;

	private TestInfrastructure() {
	}

	/** Whether this JVM uses Testcontainers; decided once, without starting anything. */
	public static synchronized boolean usesContainers() {
		if (containers == null) {
			var mode = System.getProperty(MODE_PROPERTY, "auto").trim();
			containers = switch (mode) {
				case "embedded" -> false;
				case "containers" -> true;
				case "auto", "" -> DockerClientFactory.instance().isDockerAvailable();
				default -> throw new IllegalStateException(
						MODE_PROPERTY + " must be 'embedded' or 'containers', not '" + mode + "'");
			};
			if (!containers && !mode.equals("embedded")) {
				log.info("Docker is not available (Testcontainers says why above): tests use the embedded "
						+ "Kafka broker and MongoDB server");
			}
		}
		return containers;
	}

	/** The shared broker's bootstrap servers, starting the infrastructure if needed. */
	public static String kafkaBootstrapServers() {
		return running().kafkaBootstrapServers();
	}

	/** The shared MongoDB's connection string, without a database name; starts the infrastructure if needed. */
	public static String mongoUri() {
		return running().mongoUri();
	}

	/**
	 * The embedded broker, to stop and start it mid-test (it keeps its data and port).
	 *
	 * @throws IllegalStateException when this JVM runs Kafka in a container; check {@link #usesContainers()}
	 */
	public static EmbeddedKafka kafka() {
		if (running() instanceof Embedded embedded) {
			return embedded.kafka();
		}
		throw new IllegalStateException("Kafka runs in a container in this JVM; run with -D" + MODE_PROPERTY
				+ "=embedded to control the broker");
	}

	/**
	 * The JVM's development OAuth2 issuer, started on first use (without starting Kafka or MongoDB).
	 * {@link EnableTestInfrastructure} points Spring's resource server at it.
	 */
	public static synchronized DevIssuer issuer() {
		if (issuer == null) {
			var started = DevIssuer.inMemory(0);
			started.start();
			Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-issuer-shutdown"));
			issuer = started;
			log.info("Test infrastructure: development OAuth2 issuer at {}", started.issuer());
		}
		return issuer;
	}

	/** Registers the resource server properties of {@link #issuer()}; read, and the issuer started, on first use. */
	static void addIssuerProperties(DynamicPropertyRegistry registry) {
		for (var name : List.of(DevIssuer.JWK_SET_URI_PROPERTY, DevIssuer.ISSUER_URI_PROPERTY, DevIssuer.AUDIENCES_PROPERTY)) {
			registry.add(name, () -> issuer().resourceServerProperties().get(name));
		}
	}

	static KafkaContainer kafkaContainer() {
		return containers().kafka();
	}

	static MongoDBContainer mongoContainer() {
		return containers().mongo();
	}

	private static Containers containers() {
		if (running() instanceof Containers started) {
			return started;
		}
		throw new IllegalStateException("This JVM runs the embedded infrastructure, not containers");
	}

	private static synchronized Running running() {
		if (running == null) {
			var started = usesContainers() ? Containers.start() : Embedded.start();
			Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-infrastructure-shutdown"));
			running = started;
			log.info("Test infrastructure ({}): Kafka at {}, MongoDB at {}",
					started instanceof Containers ? "Testcontainers" : "embedded, no Docker", started.kafkaBootstrapServers(),
					started.mongoUri());
		}
		return running;
	}

	private sealed interface Running permits Embedded, Containers {

		String kafkaBootstrapServers();

		String mongoUri();

		void stop();
	}

	private record Embedded(EmbeddedKafka kafka, EmbeddedMongo mongo, Path dataDir) implements Running {

		static Embedded start() {
			Path dataDir;
			try {
				dataDir = Files.createTempDirectory("test-kit-kafka-");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			var embedded = new Embedded(new EmbeddedKafka(dataDir, 0), EmbeddedMongo.inMemory(0), dataDir);
			embedded.mongo().start();
			embedded.kafka().start();
			return embedded;
		}

		@Override
		public String kafkaBootstrapServers() {
			return this.kafka.bootstrapServers();
		}

		@Override
		public String mongoUri() {
			return this.mongo.connectionString();
		}

		@Override
		public void stop() {
			this.mongo.stop();
			this.kafka.stop();
			deleteRecursively(this.dataDir);
		}

		private static void deleteRecursively(Path dir) {
			try (var paths = Files.walk(dir)) {
				paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			catch (IOException | UncheckedIOException ex) {
				// a leftover temporary directory is harmless
			}
		}
	}

	private record Containers(KafkaContainer kafka, MongoDBContainer mongo) implements Running {

		static Containers start() {
			var kafka = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
				// same behaviour as the embedded broker
				.withEnv("KAFKA_NUM_PARTITIONS", "3")
				.withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
			var mongo = new MongoDBContainer(DockerImageName.parse(MONGO_IMAGE));
			Startables.deepStart(kafka, mongo).join();
			return new Containers(kafka, mongo);
		}

		@Override
		public String kafkaBootstrapServers() {
			return this.kafka.getBootstrapServers();
		}

		@Override
		public String mongoUri() {
			return this.mongo.getConnectionString();
		}

		@Override
		public void stop() {
			// Ryuk removes them too; stopping here also covers runs with Ryuk disabled
			this.kafka.stop();
			this.mongo.stop();
		}
	}
}
