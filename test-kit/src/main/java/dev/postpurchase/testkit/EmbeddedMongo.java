package dev.postpurchase.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * A MongoDB-compatible server in this JVM ({@code mongo-java-server}), on localhost.
 *
 * <p>{@link #inMemory(int)} keeps documents in memory only (tests); they are gone after
 * {@link #stop()}. {@link #file(Path, int)} keeps them in an H2 file that survives stops and
 * process restarts (local stack). No multi-document transactions.
 */
public final class EmbeddedMongo extends LocalServer<MongoServer> {

	private final Path file;
	private final int port;
	private EmbeddedMongo(Path file, int port) {
		this.file = file;
		this.port = port == 0 ? FreePorts.find() : port;
	}

	/** @param port 0 for a free port (chosen now and kept across restarts) */
	public static EmbeddedMongo inMemory(int port) {
		return new EmbeddedMongo(null, port);
	}

	/**
	 * @param file the H2 store, e.g. {@code .local-stack/mongo/mongo.mv}; its directory is created when missing
	 * @param port 0 for a free port (chosen now and kept across restarts)
	 */
	public static EmbeddedMongo file(Path file, int port) {
		return new EmbeddedMongo(file.toAbsolutePath(), port);
	}

	@Override
	protected MongoServer open() {
		QuietLogging.apply();
		var newServer = new MongoServer(backend());
		newServer.bind("localhost", this.port); // shuts itself and the backend down when binding fails
		return newServer;
	}

	/** Closes client connections and the backend (flushing the H2 file). */
	@Override
	protected void shut(MongoServer server) {
		server.shutdownNow();
	}

	/** {@code mongodb://localhost:<port>}, without a database: each service names its own. */
	public String connectionString() {
		return "mongodb://localhost:" + this.port;
	}

	public int port() {
		return this.port;
	}

	/** The H2 file, empty for the memory backend. */
	public Optional<Path> file() {
		return Optional.ofNullable(this.file);
	}

	private MongoBackend backend() {
		if (this.file == null) {
			return new IndexedMemoryBackend();
		}
		try {
			Files.createDirectories(this.file.getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + this.file.getParent(), ex);
		}
		return new H2Backend(this.file.toString());
	}

	@Override
	public String toString() {
		return "EmbeddedMongo[" + connectionString() + ", " + (this.file != null ? this.file : "memory") + "]";
	}
}
