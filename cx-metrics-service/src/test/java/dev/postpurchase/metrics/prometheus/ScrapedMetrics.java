package dev.postpurchase.metrics.prometheus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Prometheus text exposition (what {@code GET /actuator/prometheus} answers), parsed, with the
 * naming conventions {@code promtool check metrics} lints checked in Java, so they are checked where
 * promtool is not installed too.
 */
public final class ScrapedMetrics {

	private static final Pattern SAMPLE = Pattern
		.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\S+)?");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

	/** Units Prometheus wants in base units (seconds), and abbreviations it wants spelled out. */
	private static final Set<String> NON_BASE_TIME = Set.of("milliseconds", "microseconds", "nanoseconds", "minutes",
			"hours", "days", "weeks", "ms", "us", "ns", "sec", "secs", "min", "mins");

	private static final List<String> HISTOGRAM_SAMPLES = List.of("_bucket", "_count", "_sum", "_created");

	/** A sample line: its metric name, labels and value. */
	record Sample(String name, Map<String, String> labels, double value) {

	}

	private final Map<String, String> types = new LinkedHashMap<>();

	private final Map<String, String> helps = new HashMap<>();

	private final List<Sample> samples = new ArrayList<>();

	private ScrapedMetrics() {
	}

	public static ScrapedMetrics parse(String text) {
		var metrics = new ScrapedMetrics();
		for (var line : text.split("\n")) {
			if (line.isBlank()) {
				continue;
			}
			if (line.startsWith("# TYPE ")) {
				var parts = line.substring(7).split(" ", 2);
				metrics.types.put(parts[0], parts.length > 1 ? parts[1].strip() : "");
			}
			else if (line.startsWith("# HELP ")) {
				var parts = line.substring(7).split(" ", 2);
				metrics.helps.put(parts[0], parts.length > 1 ? parts[1].strip() : "");
			}
			else if (!line.startsWith("#")) {
				var sample = SAMPLE.matcher(line.strip());
				if (!sample.matches()) {
					throw new IllegalArgumentException("Not a sample: " + line);
				}
				var labels = new LinkedHashMap<String, String>();
				if (sample.group(2) != null) {
					var label = LABEL.matcher(sample.group(2));
					while (label.find()) {
						labels.put(label.group(1), label.group(2));
					}
				}
				metrics.samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
			}
		}
		return metrics;
	}

	/**
	 * The lines of an exposition about the metrics whose names start with {@code prefix}: what this
	 * service names itself (the JVM, Kafka client and Spring metrics are the libraries' business).
	 */
	static String only(String prefix, String text) {
		var kept = new StringBuilder();
		for (var line : text.split("\n")) {
			var name = line.startsWith("# HELP ") || line.startsWith("# TYPE ") ? line.substring(7) : line;
			if (name.startsWith(prefix)) {
				kept.append(line).append('\n');
			}
		}
		return kept.toString();
	}

	/**
	 * The value of the sample with exactly these labels, the common {@code service} label aside.
	 */
	public Optional<Double> value(String name, Map<String, String> labels) {
		return samples.stream().filter(sample -> sample.name().equals(name)).filter(sample -> {
			var own = new HashMap<>(sample.labels());
			own.remove("service");
			return own.equals(labels);
		}).map(Sample::value).findFirst();
	}

	/** The value, 0 when there is no such sample (a counter not incremented yet). */
	double valueOrZero(String name, Map<String, String> labels) {
		return value(name, labels).orElse(0.0);
	}

	/** Whether any sample of this name is there, whatever its labels. */
	boolean has(String name) {
		return samples.stream().anyMatch(sample -> sample.name().equals(name));
	}

	/** The metric families (as their TYPE lines name them) whose names start with {@code prefix}. */
	List<String> families(String prefix) {
		return types.keySet().stream().filter(name -> name.startsWith(prefix)).toList();
	}

	/**
	 * What Prometheus' conventions find wrong with the families whose names start with {@code prefix}:
	 * names and labels in snake_case, HELP and TYPE for each, {@code _total} on counters and only on
	 * them, no {@code _count}/{@code _sum}/{@code _bucket} on gauges, time in seconds, histograms (all of
	 * ours measure time) ending in {@code _seconds}, and every sample of a declared family.
	 */
	List<String> problems(String prefix) {
		var problems = new ArrayList<String>();
		types.forEach((family, type) -> {
			if (!family.startsWith(prefix)) {
				return;
			}
			if (!SNAKE_CASE.matcher(family).matches()) {
				problems.add(family + ": not snake_case");
			}
			if (helps.getOrDefault(family, "").isBlank()) {
				problems.add(family + ": no HELP");
			}
			var words = List.of(family.split("_"));
			words.stream().filter(NON_BASE_TIME::contains)
				.forEach(word -> problems.add(family + ": time in " + word + ", not seconds"));
			switch (type) {
				case "counter" -> {
					if (!family.endsWith("_total")) {
						problems.add(family + ": a counter without _total");
					}
				}
				case "gauge" -> {
					for (var reserved : List.of("_total", "_count", "_sum", "_bucket")) {
						if (family.endsWith(reserved)) {
							problems.add(family + ": a gauge ending in " + reserved);
						}
					}
				}
				case "histogram" -> {
					if (!family.endsWith("_seconds")) {
						problems.add(family + ": a histogram (of time) not in _seconds");
					}
				}
				default -> problems.add(family + ": type " + type);
			}
		});
		samples.stream().filter(sample -> sample.name().startsWith(prefix)).forEach(sample -> {
			var family = family(sample.name());
			if (family == null) {
				problems.add(sample.name() + ": a sample without TYPE");
				return;
			}
			var type = types.get(family);
			sample.labels().keySet().forEach(label -> {
				if (!SNAKE_CASE.matcher(label).matches()) {
					problems.add(sample.name() + ": label " + label + " not snake_case");
				}
				if ((label.equals("le") && !type.equals("histogram")) || label.equals("quantile")) {
					problems.add(sample.name() + ": reserved label " + label);
				}
			});
		});
		return problems.stream().distinct().toList();
	}

	private String family(String sample) {
		if (types.containsKey(sample)) {
			return sample;
		}
		for (var suffix : HISTOGRAM_SAMPLES) {
			if (sample.endsWith(suffix)) {
				var family = sample.substring(0, sample.length() - suffix.length());
				if ("histogram".equals(types.get(family))) {
					return family;
				}
			}
		}
		return null;
	}

}
