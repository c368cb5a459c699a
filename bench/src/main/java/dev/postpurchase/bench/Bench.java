package dev.postpurchase.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.common.utils.AppInfoParser;

import dev.postpurchase.bench.measure.Machine;
import dev.postpurchase.bench.measure.Profiles;
import dev.postpurchase.bench.measure.Sampler;
import dev.postpurchase.bench.platform.EmbeddedStack;
import dev.postpurchase.bench.platform.Platform;
import dev.postpurchase.bench.platform.Targets;
import dev.postpurchase.bench.report.CsvFiles;
import dev.postpurchase.bench.report.LatencyChart;
import dev.postpurchase.bench.report.Report;
import dev.postpurchase.bench.report.Results;

/**
 * The benchmark: starts the whole platform on the embedded default (or uses a deployed one with
 * {@code --target}), drives orders and carrier scans through the public interfaces, measures
 * throughput, latency, lag, CPU, heap, the transport's limit and cost growth, and writes a markdown
 * report, CSV files and an SVG chart under {@code bench/results/<time>/} plus
 * {@code bench/results/latest.md}. See bench/README.md.
 */
public final class Bench {

	/** The process names of the JVMs other than the services. */
	static final String STACK_PROCESS = "local-stack (Kafka, MongoDB, simulators)";

	/** The benchmark's own JVM: listed with the platform's processes, not summed with them. */
	public static final String BENCH_PROCESS = "bench (load generator)";

	private static final DateTimeFormatter DIRECTORY = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'")
		.withZone(ZoneOffset.UTC);

	private Bench() {
	}

	public static void main(String[] args) {
		if (Arrays.asList(args).contains("--help")) {
			System.out.println(BenchOptions.USAGE);
			return;
		}
		var root = repositoryRoot(Path.of("").toAbsolutePath());
		BenchOptions options;
		try {
			options = BenchOptions.parse(args, root);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(BenchOptions.USAGE);
			System.exit(2);
			return;
		}
		try {
			var report = run(options, root, String.join(" ", args));
			System.out.println("[bench] Report: " + report);
		}
		catch (RuntimeException | Error ex) {
			System.err.println("[bench] The benchmark failed: " + ex.getMessage());
			ex.printStackTrace();
			System.exit(1);
		}
	}

	/** Runs the benchmark and returns the report's path. */
	static Path run(BenchOptions options, Path root, String arguments) {
		var started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		var loadAtStart = Machine.loadAverage();
		// now, before anything can change the checkout: the code this run measures
		var commit = Machine.gitCommit(root);
		var settings = options.target() != null ? Map.<String, String>of()
				: options.stackDefaults() ? options.set() : benchmarkSettings(options);
		EmbeddedStack stack = null;
		Profiles profiles = null;
		try {
			Platform platform;
			var processes = new LinkedHashMap<String, ProcessHandle>();
			if (options.target() == null) {
				var home = root.resolve("bench/target/stack-" + DIRECTORY.format(started));
				BenchRun.progress("Starting the embedded platform (" + options.stackJar() + ", log in " + home.resolve("stack.log")
						+ ")");
				stack = EmbeddedStack.start(options.stackJar(), home, settings, options.stackJvmOptions(), Duration.ofMinutes(6));
				// Ctrl-C stops the stack too (its services end with it)
				var running = stack;
				Runtime.getRuntime().addShutdownHook(new Thread(running::close, "bench-stop-stack"));
				platform = stack.platform();
				processes.putAll(platform.processes());
				processes.put(STACK_PROCESS, stack.stackProcess());
				BenchRun.progress("Platform ready");
				if (options.profiles()) {
					profiles = Profiles.start(platform.processes());
				}
			}
			else {
				platform = Targets.parse(options.target(), options.tokens());
			}
			processes.put(BENCH_PROCESS, ProcessHandle.current());
			var conditions = new Results.Conditions(started, options.profile(),
					"java -jar bench/target/bench.jar" + (arguments.isBlank() ? "" : " " + arguments), platform.description(),
					Machine.cores(), Machine.cpuModel(), Machine.memory(), Machine.os(), Machine.jvm(),
					AppInfoParser.getVersion(), commit, loadAtStart, settings,
					options.scansVia().name(), options.scansPerShipment(), options.scanGap(), options.sampleInterval(),
					options.warmUp());
			Results.Run result;
			try (var sampler = new Sampler(platform.services(), processes, options.sampleInterval())) {
				result = new BenchRun(options, platform, sampler).run(conditions);
			}
			var recordings = profiles == null ? Map.<String, Path>of()
					: profiles.stop(options.out().resolve(DIRECTORY.format(started)));
			return write(result, options.out(), started, recordings);
		}
		finally {
			if (stack != null) {
				BenchRun.progress("Stopping the embedded platform");
				stack.close();
				deleteQuietly(stack.log().getParent().resolve(".local-stack").resolve("kafka"));
			}
		}
	}

	/**
	 * What the benchmark sets on the embedded stack, each named in the report: no collapse window, no
	 * provider send limits, no rate limit on the simulators' callbacks, a checker that runs often; then
	 * what {@code --set} asks for.
	 */
	static Map<String, String> benchmarkSettings(BenchOptions options) {
		var settings = new LinkedHashMap<String, String>();
		settings.put("notifications.collapse-window", "0s");
		for (var channel : new String[] { "sms", "email", "whatsapp" }) {
			settings.put("resilience4j.ratelimiter.instances." + channel + ".limit-for-period", "1000000");
		}
		settings.put("postpurchase.security.rate-limit.requests-per-minute", "100000000");
		settings.put("tracking.exceptions.check-interval", options.checkInterval().toMillis() + "ms");
		settings.putAll(options.set());
		return settings;
	}

	static Path write(Results.Run run, Path out, Instant started, Map<String, Path> recordings) {
		var directory = out.resolve(DIRECTORY.format(started));
		try {
			Files.createDirectories(directory);
			CsvFiles.write(run, directory);
			Files.writeString(directory.resolve("latency.svg"),
					LatencyChart.render("Scan accepted → SMS at the provider stand-in", Report.chartPoints(run)));
			var report = directory.resolve("report.md");
			Files.writeString(report, Report.render(run, "") + profiles(recordings));
			Files.writeString(out.resolve("latest.md"), Report.render(run, directory.getFileName() + "/") + profiles(recordings));
			return report;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the results to " + directory, ex);
		}
	}

	/** The profiles section of the report, after the others; empty without recordings. */
	static String profiles(Map<String, Path> recordings) {
		if (recordings.isEmpty()) {
			return "";
		}
		return "\n## Profiles of the services\n\nJava Flight Recorder, the JDK's `profile` settings, from the platform ready to the "
				+ "end of the run (every phase). The recordings stay in the run's directory, not in git (`*.jfr` is "
				+ "ignored): open them with JDK Mission Control or `jfr print`.\n\n" + Profiles.markdown(recordings, 10);
	}

	/** The checkout this runs in: the first directory upwards with local-stack/ and a pom.xml. */
	static Path repositoryRoot(Path from) {
		for (var directory = from; directory != null; directory = directory.getParent()) {
			if (Files.isDirectory(directory.resolve("local-stack")) && Files.isRegularFile(directory.resolve("pom.xml"))) {
				return directory;
			}
		}
		return from;
	}

	private static void deleteQuietly(Path directory) {
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// only disk space is lost
		}
	}
}
