package dev.postpurchase.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Facts about the machine and the code a run measured: cores, CPU model, memory, load average, the
 * JVM, the git commit. Read from {@code /proc} where there is one; "unknown" elsewhere.
 */
public final class Machine {

	private Machine() {
	}

	public static int cores() {
		return Runtime.getRuntime().availableProcessors();
	}

	/** The 1, 5 and 15 minute load averages, e.g. {@code 1.52 0.98 0.61}. */
	public static String loadAverage() {
		var line = read("/proc/loadavg");
		if (line == null) {
			var one = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			return one < 0 ? "unknown" : String.format("%.2f (1 min)", one);
		}
		var parts = line.strip().split("\\s+");
		return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : line.strip();
	}

	public static String cpuModel() {
		var cpuinfo = read("/proc/cpuinfo");
		if (cpuinfo != null) {
			for (var line : cpuinfo.split("\n")) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).strip();
				}
			}
		}
		return "unknown";
	}

	public static String memory() {
		var meminfo = read("/proc/meminfo");
		if (meminfo != null) {
			for (var line : meminfo.split("\n")) {
				if (line.startsWith("MemTotal:")) {
					long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
					return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
				}
			}
		}
		return "unknown";
	}

	public static String os() {
		return System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch")
				+ ")";
	}

	public static String jvm() {
		return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vendor") + ")";
	}

	/** The commit checked out in {@code directory}, with "+ local changes" when the work tree differs. */
	public static String gitCommit(Path directory) {
		var commit = git(directory, "rev-parse", "HEAD");
		if (commit == null) {
			return "unknown (no git)";
		}
		var status = git(directory, "status", "--porcelain", "--untracked-files=no");
		var subject = git(directory, "log", "-1", "--format=%s");
		return commit.strip() + (status != null && !status.isBlank() ? " + local changes" : "")
				+ (subject == null ? "" : " (" + abbreviate(subject.strip(), 80) + ")");
	}

	private static String abbreviate(String text, int length) {
		return text.length() <= length ? text : text.substring(0, length - 3) + "...";
	}

	private static String git(Path directory, String... arguments) {
		var command = new ArrayList<String>();
		command.add("git");
		command.addAll(List.of(arguments));
		try {
			var process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
			var output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
				return null;
			}
			return output;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static String read(String file) {
		try {
			return Files.readString(Path.of(file));
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}
}
