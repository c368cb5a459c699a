package dev.postpurchase.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Java Flight Recorder profiles of the services while the load runs: a recording started in each
 * service's JVM with {@code jcmd <pid> JFR.start} (the JDK's {@code profile} settings: a stack sample
 * every 10 to 20 ms, thread parks and socket reads over 10 ms), dumped to {@code <service>.jfr} at the
 * end, and summed up in markdown: where the CPU goes (the hottest methods, and the platform's own
 * methods on the sampled stacks) and where the platform's threads wait (parked, reading a socket,
 * blocked on a monitor). Open a file with JDK Mission Control or {@code jfr print} for the whole story.
 */
public final class Profiles {

	/** What a thread waiting shows as in a recording. */
	private static final Map<String, String> WAITS = Map.of("jdk.ThreadPark", "parked", "jdk.SocketRead",
			"reading a socket", "jdk.JavaMonitorEnter", "blocked on a monitor");

	private static final String OURS = "dev.postpurchase.";

	private static final String RECORDING = "bench";

	private final Map<String, ProcessHandle> processes;

	private Profiles(Map<String, ProcessHandle> processes) {
		this.processes = processes;
	}

	/** Starts a recording in each process (by name); a process that refuses is left out, with a warning. */
	public static Profiles start(Map<String, ProcessHandle> processes) {
		var started = new LinkedHashMap<String, ProcessHandle>();
		processes.forEach((name, process) -> {
			var answer = jcmd(process, "JFR.start", "name=" + RECORDING, "settings=profile");
			if (answer == null) {
				started.put(name, process);
			}
			else {
				System.err.println("[bench] No profile of " + name + ": " + answer);
			}
		});
		return new Profiles(started);
	}

	/** Dumps and stops every recording into {@code directory}; the files written, by process name. */
	public Map<String, Path> stop(Path directory) {
		var files = new LinkedHashMap<String, Path>();
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.processes.forEach((name, process) -> {
			var file = directory.resolve(name.replaceAll("[^A-Za-z0-9-]+", "-") + ".jfr").toAbsolutePath();
			var answer = jcmd(process, "JFR.stop", "name=" + RECORDING, "filename=" + file);
			if (answer == null && Files.isRegularFile(file)) {
				files.put(name, file);
			}
			else {
				System.err.println("[bench] No profile of " + name + ": " + answer);
			}
		});
		return files;
	}

	/**
	 * The summary of recordings in markdown: per process, the samples taken, the {@code top} hottest
	 * methods (the frame on top of the sampled stacks), the platform's methods most often on them, and
	 * the platform's code waiting the longest.
	 */
	public static String markdown(Map<String, Path> recordings, int top) {
		var md = new StringBuilder();
		recordings.forEach((name, file) -> {
			var summary = summarize(file);
			md.append("### ").append(name).append("\n\n");
			md.append(String.format("%,d CPU samples over %s; recording `%s`.%n%n", summary.samples, seconds(summary.span),
					file.getFileName()));
			if (summary.samples > 0) {
				md.append("| hottest methods (top frame) | share of samples | | the platform's methods on the sampled stacks | share of samples |\n");
				md.append("|---|---|---|---|---|\n");
				var hot = ranked(summary.topFrames, top);
				var ours = ranked(summary.ourFrames, top);
				for (int i = 0; i < Math.max(hot.size(), ours.size()); i++) {
					md.append("| ").append(i < hot.size() ? "`" + hot.get(i).getKey() + "`" : "").append(" | ")
						.append(i < hot.size() ? percent(hot.get(i).getValue(), summary.samples) : "").append(" | | ")
						.append(i < ours.size() ? "`" + ours.get(i).getKey() + "`" : "").append(" | ")
						.append(i < ours.size() ? percent(ours.get(i).getValue(), summary.samples) : "").append(" |\n");
				}
				md.append('\n');
			}
			var waits = summary.waits.entrySet().stream()
				.sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
				.limit(top)
				.toList();
			if (!waits.isEmpty()) {
				md.append("| where the platform's threads wait | waiting, summed over threads |\n|---|---|\n");
				waits.forEach(wait -> md.append("| ").append(wait.getKey()).append(" | ")
					.append(seconds(wait.getValue())).append(" |\n"));
				md.append('\n');
			}
		});
		return md.toString();
	}

	/** What one recording says. */
	record Summary(long samples, Duration span, Map<String, Long> topFrames, Map<String, Long> ourFrames,
			Map<String, Duration> waits) {
	}

	static Summary summarize(Path file) {
		long samples = 0;
		var topFrames = new HashMap<String, Long>();
		var ourFrames = new HashMap<String, Long>();
		var waits = new HashMap<String, Duration>();
		java.time.Instant first = null;
		java.time.Instant last = null;
		try (var recording = new RecordingFile(file)) {
			while (recording.hasMoreEvents()) {
				RecordedEvent event = recording.readEvent();
				var type = event.getEventType().getName();
				if (type.equals("jdk.ExecutionSample")) {
					if (event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
						continue;
					}
					samples++;
					first = first == null || event.getStartTime().isBefore(first) ? event.getStartTime() : first;
					last = last == null || event.getStartTime().isAfter(last) ? event.getStartTime() : last;
					var frames = event.getStackTrace().getFrames();
					topFrames.merge(method(frames.get(0)), 1L, Long::sum);
					// each of our methods once per sample, however deep the recursion
					frames.stream().filter(Profiles::ours).map(Profiles::method).distinct()
						.forEach(method -> ourFrames.merge(method, 1L, Long::sum));
				}
				else if (WAITS.containsKey(type) && event.getStackTrace() != null) {
					event.getStackTrace().getFrames().stream().filter(Profiles::ours).findFirst()
						.ifPresent(frame -> waits.merge(method(frame) + " (" + WAITS.get(type) + ")",
								event.getDuration(), Duration::plus));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the recording " + file, ex);
		}
		return new Summary(samples, first == null ? Duration.ZERO : Duration.between(first, last), topFrames, ourFrames,
				waits);
	}

	private static boolean ours(RecordedFrame frame) {
		return frame.getMethod() != null && frame.getMethod().getType().getName().startsWith(OURS);
	}

	/** {@code SimpleClass.method}, with the package left out. */
	private static String method(RecordedFrame frame) {
		var type = frame.getMethod().getType().getName();
		return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
	}

	private static List<Map.Entry<String, Long>> ranked(Map<String, Long> counts, int top) {
		return counts.entrySet().stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
			.limit(top)
			.toList();
	}

	private static String percent(long part, long whole) {
		return String.format("%.1f %%", 100.0 * part / whole);
	}

	private static String seconds(Duration duration) {
		return String.format("%.1f s", duration.toMillis() / 1000.0);
	}

	/** Runs jcmd against a process; null when it worked, else what went wrong. */
	private static String jcmd(ProcessHandle process, String... command) {
		var arguments = new ArrayList<String>();
		arguments.add(jcmdExecutable());
		arguments.add(Long.toString(process.pid()));
		arguments.addAll(List.of(command));
		try {
			var jcmd = new ProcessBuilder(arguments).redirectErrorStream(true).start();
			var output = new String(jcmd.getInputStream().readAllBytes());
			if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
				jcmd.destroyForcibly();
				return "jcmd did not answer in 60 s";
			}
			// jcmd answers 0 even when the command failed inside the JVM: read what it says
			return jcmd.exitValue() == 0 && !output.contains("Could not") && !output.contains("Exception")
					? null : output.strip();
		}
		catch (IOException ex) {
			return "cannot run jcmd: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/** The jcmd beside the java running this benchmark (the services run on the same), else from the PATH. */
	private static String jcmdExecutable() {
		var beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		return Files.isExecutable(beside) ? beside.toString() : "jcmd";
	}

	/** For tests: the names of the processes being recorded. */
	Set<String> recording() {
		return this.processes.keySet();
	}

}
