package dev.postpurchase.bench.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One scrape of a service's {@code /actuator/prometheus} (text format 0.0.4), read into samples, with
 * the sums and maxima the benchmark takes of them. A few lines of parsing instead of a client library.
 */
public final class Prometheus {

	private static final Pattern SAMPLE = Pattern
		.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\S+)?");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	/** One sample line. */
	public record Sample(String name, Map<String, String> labels, double value) {

		public String label(String name) {
			return this.labels.getOrDefault(name, "");
		}
	}

	private final List<Sample> samples;

	private Prometheus(List<Sample> samples) {
		this.samples = samples;
	}

	public static Prometheus parse(String text) {
		var samples = new ArrayList<Sample>();
		for (var line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			var matcher = SAMPLE.matcher(line.strip());
			if (!matcher.matches()) {
				continue;
			}
			var labels = new LinkedHashMap<String, String>();
			if (matcher.group(2) != null) {
				var label = LABEL.matcher(matcher.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(matcher.group(1), labels, value(matcher.group(3))));
		}
		return new Prometheus(samples);
	}

	private static double value(String text) {
		return switch (text) {
			case "NaN" -> Double.NaN;
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			default -> Double.parseDouble(text);
		};
	}

	/** The sum of a metric's samples that match; 0 when there are none. */
	public double sum(String name, Predicate<Sample> filter) {
		return this.samples.stream()
			.filter(sample -> sample.name().equals(name) && filter.test(sample) && !Double.isNaN(sample.value()))
			.mapToDouble(Sample::value)
			.sum();
	}

	/** The sums of a metric's samples by a key made of their labels, in first-seen order. */
	public Map<String, Double> sumBy(String name, Function<Sample, String> key) {
		var sums = new LinkedHashMap<String, Double>();
		this.samples.stream()
			.filter(sample -> sample.name().equals(name) && !Double.isNaN(sample.value()))
			.forEach(sample -> sums.merge(key.apply(sample), sample.value(), Double::sum));
		return sums;
	}

	public double sum(String name) {
		return sum(name, sample -> true);
	}

	/** The largest of a metric's samples that match (NaN ignored); NaN when there are none. */
	public double max(String name, Predicate<Sample> filter) {
		return this.samples.stream()
			.filter(sample -> sample.name().equals(name) && filter.test(sample) && !Double.isNaN(sample.value()))
			.mapToDouble(Sample::value)
			.max()
			.orElse(Double.NaN);
	}

	public boolean has(String name) {
		return this.samples.stream().anyMatch(sample -> sample.name().equals(name));
	}

	/** Samples whose label has this value. */
	public static Predicate<Sample> labelled(String label, String value) {
		return sample -> value.equals(sample.label(label));
	}

	/**
	 * Micrometer registers the Kafka client metrics twice, with the topic as Kafka names it
	 * ({@code tracking.inbound}) and with dots made underscores: only the first is counted.
	 */
	public static Predicate<Sample> realTopic() {
		return sample -> !sample.labels().containsKey("topic") || sample.label("topic").contains(".");
	}
}
