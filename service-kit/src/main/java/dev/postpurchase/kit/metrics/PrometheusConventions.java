package dev.postpurchase.kit.metrics;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;

/**
 * Makes every meter a service registers, its own and the libraries' (JVM, Kafka clients, Spring
 * Security, HTTP server), pass {@code promtool check metrics} (DESIGN: "Prometheus naming conventions"):
 * <ul>
 * <li><b>HELP</b>: a meter registered without a description gets its name as one ("no description
 * registered"), so every family has HELP text. Our own meters carry real descriptions where they are
 * registered; this is for library meters (Spring Security observations, {@code http.server.requests},
 * some Kafka client metrics).</li>
 * <li><b>Denied</b>: meters whose Prometheus name would carry an abbreviated unit ({@code ns},
 * {@code ms}, {@code us}, {@code kb}, ...) or a unit other than the base one ({@code milliseconds},
 * {@code kilobytes}, {@code hours}, ...). Their values are in that unit, so a rename would lie and
 * converting them is not a filter's business. These are the Kafka clients' {@code *-time-ns-total},
 * {@code *-time-ns-avg}, {@code app-info start-time-ms} and the like, and {@code process.cpu.time}
 * (a counter in nanoseconds; {@code process.cpu.usage} stays). Kafka's latency averages and maxima
 * without a unit in their names stay.</li>
 * <li><b>Renamed</b>: a gauge whose name ends in {@code count} or {@code sum} (words Prometheus
 * reserves for histograms and summaries; the Prometheus client itself drops a trailing {@code total},
 * {@code bucket}, {@code created} or {@code info}): {@code system.cpu.count} becomes
 * {@code system.cpu.cores}, a Kafka client's {@code *.connection.count} becomes {@code *.connections},
 * any other gets {@code .value} appended ({@code x.count} becomes {@code x_count_value}).</li>
 * </ul>
 */
public class PrometheusConventions implements MeterFilter {

	/** Gauges renamed by name: what the new name says better than a generic suffix would. */
	private static final Map<String, String> GAUGE_NAMES = Map.of("system.cpu.count", "system.cpu.cores");

	/** promtool's abbreviated units. */
	private static final Set<String> ABBREVIATED_UNITS = Set.of("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb",
			"tb", "pb", "m", "h", "d");

	/** promtool's units other than the base units (seconds, bytes, meters, ...). */
	private static final Set<String> NON_BASE_UNITS = Set.of("minutes", "hours", "days", "weeks", "kelvins",
			"fahrenheit", "rankine", "inches", "yards", "miles", "bits", "calories", "pounds", "ounces");

	/** promtool's base units, which a unit prefix ({@code milli}, {@code kilo}, ...) turns non-base. */
	private static final Set<String> BASE_UNITS = Set.of("amperes", "bytes", "celsius", "grams", "joules", "kelvin",
			"meters", "metres", "seconds", "volts");

	private static final List<String> UNIT_PREFIXES = List.of("pico", "nano", "micro", "milli", "centi", "deci",
			"deca", "hecto", "kilo", "kibi", "mega", "mebi", "giga", "gibi", "tera", "tebi", "peta", "pebi");

	/** Name endings Prometheus reserves for histograms and summaries. */
	private static final List<String> RESERVED_ENDINGS = List.of("_count", "_sum");

	private final NamingConvention prometheus = new PrometheusNamingConvention();

	@Override
	public MeterFilterReply accept(Meter.Id id) {
		var words = List.of(prometheusName(id).split("_"));
		if (words.stream().anyMatch(word -> ABBREVIATED_UNITS.contains(word) || nonBaseUnit(word))) {
			return MeterFilterReply.DENY;
		}
		return MeterFilterReply.NEUTRAL;
	}

	@Override
	public Meter.Id map(Meter.Id id) {
		var named = id.getType() == Meter.Type.GAUGE ? gaugeNamed(id) : id;
		if (named.getDescription() != null && !named.getDescription().isBlank()) {
			return named;
		}
		return new Meter.Id(named.getName(), Tags.of(named.getTagsAsIterable()), named.getBaseUnit(),
				named.getName() + " (no description registered)", named.getType());
	}

	private Meter.Id gaugeNamed(Meter.Id id) {
		var name = prometheusName(id);
		if (RESERVED_ENDINGS.stream().noneMatch(name::endsWith)) {
			return id;
		}
		var renamed = GAUGE_NAMES.get(id.getName());
		if (renamed == null && id.getName().endsWith(".connection.count")) {
			renamed = id.getName().substring(0, id.getName().length() - ".connection.count".length()) + ".connections";
		}
		return id.withName(renamed != null ? renamed : id.getName() + ".value");
	}

	private String prometheusName(Meter.Id id) {
		return prometheus.name(id.getName(), id.getType(), id.getBaseUnit());
	}

	private static boolean nonBaseUnit(String word) {
		return NON_BASE_UNITS.contains(word) || UNIT_PREFIXES.stream()
			.anyMatch(prefix -> word.startsWith(prefix) && BASE_UNITS.contains(word.substring(prefix.length())));
	}

}
