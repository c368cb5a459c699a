package dev.postpurchase.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A command-line tool from a Debian package that a test runs: {@code promtool} and {@code prometheus}
 * (package {@code prometheus}), {@code docker-compose}, {@code kubectl}, {@code chromium}. Nothing is
 * downloaded: the tool on this machine's {@code PATH} is used, so the tests run offline.
 *
 * <p>Where a tool is missing, {@link #require} skips the test with a message naming the package, unless
 * {@code POSTPURCHASE_REQUIRE_TOOLS} is set (CI sets it, after installing the packages), in which case
 * it fails: CI never passes without having run every check.
 */
public record InstalledTool(Path executable) {

	/** Set (to anything) where a missing tool fails a test instead of skipping it: in CI. */
	public static final String REQUIRE_TOOLS = "POSTPURCHASE_REQUIRE_TOOLS";

	/** What a run printed (standard output and error, in order) and how it exited. */
	public record Result(int exitCode, String output) {

		public boolean succeeded() {
			return exitCode == 0;
		}

	}

	/**
	 * The first of the commands found on the {@code PATH} (or named by the environment variable
	 * {@code override}, when set); skips the test, or fails it under {@link #REQUIRE_TOOLS}, when none is.
	 */
	public static InstalledTool require(String debianPackage, String override, String... commands) {
		var found = find(override, commands);
		if (found.isEmpty()) {
			var missing = String.join(" or ", commands) + " is needed (Debian: apt-get install " + debianPackage + ")";
			if (System.getenv(REQUIRE_TOOLS) != null) {
				throw new IllegalStateException(missing);
			}
			Assumptions.abort(missing);
		}
		return found.get();
	}

	/** The first of the commands found on the {@code PATH} (or named by {@code override}, when set). */
	public static Optional<InstalledTool> find(String override, String... commands) {
		var configured = override == null ? null : System.getenv(override);
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Files::isExecutable).map(InstalledTool::new);
		}
		var path = System.getenv().getOrDefault("PATH", "");
		return Stream.of(commands)
			.flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, name)))
			.filter(Files::isExecutable)
			.findFirst()
			.map(InstalledTool::new);
	}

	/** Runs the tool in {@code directory} and waits for it, feeding it {@code input} (may be null). */
	public Result run(Path directory, Duration timeout, String input, String... arguments) {
		var command = Stream.concat(Stream.of(executable.toString()), Stream.of(arguments)).toList();
		try {
			var process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
			try (var in = process.getOutputStream()) {
				if (input != null) {
					in.write(input.getBytes(StandardCharsets.UTF_8));
				}
			}
			// read on another thread, so a tool that prints much never blocks on a full pipe past the timeout
			var output = new CompletableFuture<String>();
			var reader = new Thread(() -> {
				try {
					output.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
				}
				catch (IOException ex) {
					output.completeExceptionally(ex);
				}
			}, executable.getFileName() + "-output");
			reader.setDaemon(true);
			reader.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return new Result(-1, String.join(" ", command) + " did not finish in " + timeout.toSeconds() + " s");
			}
			return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while " + executable.getFileName() + " ran", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not read what " + executable.getFileName() + " printed", ex);
		}
	}

	/** {@link #run} in the current directory without input. */
	public Result run(Duration timeout, String... arguments) {
		return run(Path.of("."), timeout, null, arguments);
	}

	/** The lines the run printed, without blank ones. */
	public static List<String> lines(Result result) {
		return result.output().lines().filter(line -> !line.isBlank()).toList();
	}

}
