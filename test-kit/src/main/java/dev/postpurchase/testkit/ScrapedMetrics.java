package dev.postpurchase.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
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
 * promtool is not installed too. {@link #assertFollowsConventions(String)} is what a service's test
 * calls on a whole scrape: the Java check always, and promtool itself when it is on the {@code PATH}
 * (CI installs it).
 * <p>
 * The Java rules are promtool's (its {@code promlint}): HELP on every family; {@code _total} on
 * counters and only on them; no {@code _count}/{@code _sum}/{@code _bucket} on anything but histograms
 * and summaries, {@code le} and {@code quantile} labels only on those; base units (seconds, bytes, ...)
 * spelled out, no abbreviated units ({@code ms}, {@code ns}, {@code kb}, ...), no type in the name, no
 * colons, no camelCase. On top of promtool: names and labels in snake_case, and every sample belongs to a
 * family with a TYPE.
 */
public final class ScrapedMetrics {

	private static final Pattern SAMPLE = Pattern
		.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\S+)?");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Pattern SNAKE_CASE = Pattern.compile("[a-z_][a-z0-9]*(_[a-z0-9]+)*");

	private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][A-Z]");

	/** promtool's units: each unit and the base unit Prometheus wants instead (itself for base units). */
	private static final Map<String, String> UNITS = Map.ofEntries(Map.entry("amperes", "amperes"),
			Map.entry("bytes", "bytes"), Map.entry("celsius", "celsius"), Map.entry("grams", "grams"),
			Map.entry("joules", "joules"), Map.entry("kelvin", "kelvin"), Map.entry("meters", "meters"),
			Map.entry("metres", "metres"), Map.entry("seconds", "seconds"), Map.entry("volts", "volts"),
			Map.entry("minutes", "seconds"), Map.entry("hours", "seconds"), Map.entry("days", "seconds"),
			Map.entry("weeks", "seconds"), Map.entry("kelvins", "kelvin"), Map.entry("fahrenheit", "celsius"),
			Map.entry("rankine", "celsius"), Map.entry("inches", "meters"), Map.entry("yards", "meters"),
			Map.entry("miles", "meters"), Map.entry("bits", "bytes"), Map.entry("calories", "joules"),
			Map.entry("pounds", "grams"), Map.entry("ounces", "grams"));

	/** promtool's unit prefixes: {@code milliseconds} and {@code kilobytes} are not base units. */
	private static final List<String> UNIT_PREFIXES = List.of("pico", "nano", "micro", "milli", "centi", "deci",
			"deca", "hecto", "kilo", "kibi", "mega", "mebi", "giga", "gibi", "tera", "tebi", "peta", "pebi");

	/** promtool's abbreviated units, which no name word may be. */
	private static final Set<String> ABBREVIATED_UNITS = Set.of("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb",
			"tb", "pb", "m", "h", "d");

	private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

	private static final List<String> RESERVED_SUFFIXES = List.of("_count", "_sum", "_bucket");

	private static final List<String> HISTOGRAM_SAMPLES = List.of("_bucket", "_count", "_sum", "_created");

	/** A sample line: its metric name, labels and value. */
	record Sample(String name, Map<String, String> labels, double value) {

	}

	private final Map<String, String> types = new LinkedHashMap<>();

	private final Map<String, String> helps = new HashMap<>();

	private final List<Sample> samples = new ArrayList<>();

	private ScrapedMetrics() {
	}

	/** Parses a Prometheus text exposition (format 0.0.4). */
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
	 * Asserts that a whole scrape follows Prometheus' naming conventions: the Java check of
	 * {@link #problems()} finds nothing, and neither does {@code promtool check metrics} when promtool is
	 * on the {@code PATH}.
	 */
	public static void assertFollowsConventions(String text) {
		var metrics = parse(text);
		assertThat(metrics.families("")).as("metric families scraped").isNotEmpty();
		assertThat(metrics.problems()).as("Prometheus naming conventions").isEmpty();
		assertThat(promtool(text)).as("promtool check metrics").isEmpty();
	}

	/**
	 * What {@code promtool check metrics} complains about in the text, one line per complaint; empty
	 * when promtool is not on the {@code PATH} (the Java check of {@link #problems()} stands in for it).
	 */
	public static List<String> promtool(String text) {
		return InstalledTool.find(null, "promtool").map(promtool -> {
			var result = promtool.run(Path.of("."), Duration.ofSeconds(30), text, "check", "metrics");
			var complaints = new ArrayList<>(InstalledTool.lines(result));
			if (!result.succeeded() && complaints.isEmpty()) {
				complaints.add("promtool exited with " + result.exitCode());
			}
			return List.copyOf(complaints);
		}).orElse(List.of());
	}

	/**
	 * The lines of an exposition about the metrics whose names start with {@code prefix}.
	 */
	public static String only(String prefix, String text) {
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
	public double valueOrZero(String name, Map<String, String> labels) {
		return value(name, labels).orElse(0.0);
	}

	/** Whether any sample of this name is there, whatever its labels. */
	public boolean has(String name) {
		return samples.stream().anyMatch(sample -> sample.name().equals(name));
	}

	/** The metric families (as their TYPE lines name them) whose names start with {@code prefix}. */
	public List<String> families(String prefix) {
		return types.keySet().stream().filter(name -> name.startsWith(prefix)).toList();
	}

	/** What Prometheus' conventions find wrong with the whole exposition (see the class comment). */
	public List<String> problems() {
		return problems("");
	}

	/**
	 * What Prometheus' conventions find wrong with the families whose names start with {@code prefix},
	 * one line per problem, as {@code family: problem}.
	 */
	public List<String> problems(String prefix) {
		var problems = new ArrayList<String>();
		types.forEach((family, type) -> {
			if (family.startsWith(prefix)) {
				familyProblems(family, type).forEach(problem -> problems.add(family + ": " + problem));
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
				if (label.equals("le") && !type.equals("histogram")) {
					problems.add(sample.name() + ": reserved label le on a " + type);
				}
				if (label.equals("quantile") && !type.equals("summary")) {
					problems.add(sample.name() + ": reserved label quantile on a " + type);
				}
			});
		});
		return problems.stream().distinct().toList();
	}

	private List<String> familyProblems(String family, String type) {
		var problems = new ArrayList<String>();
		if (!SNAKE_CASE.matcher(family).matches() || CAMEL_CASE.matcher(family).find()) {
			problems.add("not snake_case");
		}
		if (family.contains(":")) {
			problems.add("a colon in the name");
		}
		if (helps.getOrDefault(family, "").isBlank()) {
			problems.add("no HELP");
		}
		if (!TYPES.contains(type)) {
			problems.add("type " + type);
		}
		var words = List.of(family.toLowerCase().split("_"));
		for (var word : words) {
			if (ABBREVIATED_UNITS.contains(word)) {
				problems.add("abbreviated unit " + word);
			}
			var base = baseUnit(word);
			if (base != null && !base.equals(word)) {
				problems.add("in " + word + ", not " + base);
			}
		}
		if (!type.equals("untyped") && words.contains(type)) {
			problems.add("the type " + type + " in the name");
		}
		if (type.equals("counter") != family.endsWith("_total")) {
			problems.add(type.equals("counter") ? "a counter without _total" : "a " + type + " ending in _total");
		}
		if (!type.equals("histogram") && !type.equals("summary")) {
			RESERVED_SUFFIXES.stream().filter(family::endsWith)
				.forEach(suffix -> problems.add("a " + type + " ending in " + suffix));
		}
		return problems;
	}

	/** The base unit promtool wants for a name word that is a unit, null when the word is none. */
	private static String baseUnit(String word) {
		if (UNITS.containsKey(word)) {
			return UNITS.get(word);
		}
		return UNIT_PREFIXES.stream().filter(prefix -> word.startsWith(prefix))
			.map(prefix -> UNITS.get(word.substring(prefix.length())))
			.filter(base -> base != null)
			.findFirst()
			.orElse(null);
	}

	private String family(String sample) {
		if (types.containsKey(sample)) {
			return sample;
		}
		for (var suffix : HISTOGRAM_SAMPLES) {
			if (sample.endsWith(suffix)) {
				var family = sample.substring(0, sample.length() - suffix.length());
				var type = types.get(family);
				if ("histogram".equals(type) || "summary".equals(type)) {
					return family;
				}
			}
		}
		return null;
	}

}
