package dev.postpurchase.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * The real Apache Kafka broker, in this JVM, in KRaft mode (one node that is both broker and
 * controller).
 *
 * <p>Its data lives under the given directory and survives {@link #stop()}/{@link #start()} and
 * process restarts; the port stays the same across restarts, so clients reconnect by themselves.
 * Topics are auto-created with 3 partitions; internal topics have replication factor 1.
 *
 * <pre>{@code
 * var kafka = new EmbeddedKafka(Path.of(".local-stack/kafka"), 9092);
 * kafka.start();
 * kafka.bootstrapServers(); // "localhost:9092"
 * kafka.stop();
 * }</pre>
 */
public final class EmbeddedKafka extends LocalServer<KafkaRaftServer> {

	private final Path dataDir;
	private final int port;
	private final int controllerPort;
	private final Map<String, String> overrides;
	/**
	 * @param dataDir where the broker keeps its configuration and logs; created when missing
	 * @param port the client port, 0 for a free one (chosen now and kept for the life of this object)
	 */
	public EmbeddedKafka(Path dataDir, int port) {
		this(dataDir, port, Map.of());
	}

	/**
	 * @param overrides broker settings that replace or add to the defaults (e.g. for benchmarks)
	 */
	public EmbeddedKafka(Path dataDir, int port, Map<String, String> overrides) {
		this.dataDir = dataDir.toAbsolutePath();
		var ports = FreePorts.find(2);
		this.port = port == 0 ? ports[0] : port;
		// the controller port is internal: any free one will do, and it may differ between processes
		this.controllerPort = ports[1] == this.port ? ports[0] : ports[1];
		this.overrides = Map.copyOf(overrides);
	}

	/** Starts the broker and returns once it accepts clients. */
	@Override
	protected KafkaRaftServer open() {
		QuietLogging.apply();
		var properties = serverProperties();
		var configFile = writeConfig(properties);
		formatOnce(configFile);
		var newServer = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
		try {
			newServer.startup();
		}
		catch (RuntimeException ex) {
			newServer.shutdown();
			newServer.awaitShutdown();
			throw ex;
		}
		return newServer;
	}

	/** Shuts the broker down cleanly and waits until it has. */
	@Override
	protected void shut(KafkaRaftServer server) {
		server.shutdown();
		server.awaitShutdown();
	}

	/** {@code localhost:<port>}, valid before the first start and across restarts. */
	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	public int port() {
		return this.port;
	}

	public Path dataDir() {
		return this.dataDir;
	}

	private Path logDir() {
		return this.dataDir.resolve("logs");
	}

	private Properties serverProperties() {
		var settings = new LinkedHashMap<String, String>();
		settings.put("process.roles", "broker,controller");
		settings.put("node.id", "1");
		settings.put("controller.quorum.voters", "1@localhost:" + this.controllerPort);
		settings.put("listeners", "PLAINTEXT://localhost:" + this.port + ",CONTROLLER://localhost:" + this.controllerPort);
		settings.put("advertised.listeners", "PLAINTEXT://localhost:" + this.port);
		settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		settings.put("controller.listener.names", "CONTROLLER");
		settings.put("inter.broker.listener.name", "PLAINTEXT");
		settings.put("log.dirs", logDir().toString());
		settings.put("num.partitions", "3");
		settings.put("auto.create.topics.enable", "true");
		settings.put("group.initial.rebalance.delay.ms", "0");
		// a single node: every internal topic has one replica
		settings.put("offsets.topic.replication.factor", "1");
		settings.put("transaction.state.log.replication.factor", "1");
		settings.put("transaction.state.log.min.isr", "1");
		settings.put("share.coordinator.state.topic.replication.factor", "1");
		settings.put("share.coordinator.state.topic.min.isr", "1");
		// fewer internal partitions than the production default of 50: faster first start, fewer files
		settings.put("offsets.topic.num.partitions", "5");
		settings.put("transaction.state.log.num.partitions", "5");
		// the log cleaner allocates this buffer on the heap at start-up; 128 MiB by default is a lot
		// inside a test JVM, and 32 MiB still compacts millions of keys
		settings.put("log.cleaner.dedupe.buffer.size", String.valueOf(32 * 1024 * 1024));
		settings.putAll(this.overrides);
		var properties = new Properties();
		properties.putAll(settings);
		return properties;
	}

	private Path writeConfig(Properties properties) {
		try {
			Files.createDirectories(logDir());
			var file = this.dataDir.resolve("server.properties");
			try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				properties.store(out, "written by test-kit EmbeddedKafka on every start");
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the Kafka configuration under " + this.dataDir, ex);
		}
	}

	/** Formats the log directory on first use only: formatting again would lose the data. */
	private void formatOnce(Path configFile) {
		if (Files.exists(logDir().resolve("meta.properties"))) {
			return;
		}
		var output = new ByteArrayOutputStream();
		int exitCode;
		try (var out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
			// execute, not main: main exits the JVM
			exitCode = StorageTool.execute(new String[] { "format", "-t", Uuid.randomUuid().toString(), "-c",
					configFile.toString() }, out);
		}
		if (exitCode != 0) {
			throw new IllegalStateException("Formatting Kafka storage in " + logDir() + " failed (exit code "
					+ exitCode + "): " + output.toString(StandardCharsets.UTF_8));
		}
	}

	@Override
	public String toString() {
		return "EmbeddedKafka[" + bootstrapServers() + ", " + this.dataDir + "]";
	}
}
