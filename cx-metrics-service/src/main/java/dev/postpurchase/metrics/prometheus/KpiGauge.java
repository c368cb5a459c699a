package dev.postpurchase.metrics.prometheus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.postpurchase.metrics.kpi.Kpi;
import dev.postpurchase.metrics.kpi.Kpis;
import dev.postpurchase.metrics.kpi.MetricTags;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

/**
 * How one KPI shows as a Prometheus gauge, by its name and unit alone, so KPIs a section adds appear
 * without a change here:
 * <ul>
 * <li>the name in snake_case after {@code cx_kpi_}: {@code openExceptions} → {@code cx_kpi_open_exceptions};
 * <li>{@code ratio}: a last word {@code rate} becomes the suffix {@code _ratio}
 * ({@code onTimeDeliveryRate} → {@code cx_kpi_on_time_delivery_ratio}), otherwise {@code _ratio} is
 * appended; {@code percent} is divided by 100 and is a ratio too;
 * <li>time ({@code seconds}, {@code minutes}, {@code hours}, {@code days}, {@code milliseconds}) is
 * converted to seconds, the unit word leaves the name and {@code _seconds} ends it
 * ({@code deliveredMinusPromisedHoursP90} → {@code cx_kpi_delivered_minus_promised_p90_seconds});
 * <li>{@code count}, {@code score} and any other unit: no suffix; a last word Prometheus reserves for
 * counters and histograms ({@code total}, {@code count}, {@code sum}, {@code bucket}, {@code created},
 * {@code info}) is dropped;
 * <li>a currency code (three capital letters) as the unit: the label {@code currency}, and a name
 * ending in {@code .<CURRENCY>} loses it ({@code refundedAmount.EUR} →
 * {@code cx_kpi_refunded_amount{currency="EUR"}});
 * <li>what follows a dot in the name becomes a label, lower case: {@code reason} for {@code returns.*}
 * ({@code returns.DAMAGED} → {@code cx_kpi_returns{reason="damaged"}}), {@code key} for any other.
 * </ul>
 *
 * @param name the metric name
 * @param tags the labels
 * @param factor what the KPI's value is multiplied by to give base units
 * @param description the metric's HELP text
 */
public record KpiGauge(String name, Tags tags, double factor, String description) {

	/** The prefix of every KPI gauge, so they never clash with the fact counters' {@code cx_} names. */
	static final String PREFIX = "cx_kpi_";

	private static final Map<String, String> QUALIFIER_LABELS = Map.of("returns", "reason");

	private static final String DEFAULT_QUALIFIER_LABEL = "key";

	private static final Map<String, Double> SECONDS = Map.of("seconds", 1.0, "minutes", 60.0, "hours", 3600.0, "days",
			86400.0, "milliseconds", 0.001);

	private static final Set<String> RESERVED_LAST_WORDS = Set.of("total", "count", "sum", "bucket", "created", "info");

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");

	/** Between a word and a number ({@code per100}), not within a short token like {@code p90}. */
	private static final Pattern NUMBER_BOUNDARY = Pattern.compile("(?<=[a-z]{2})(?=[0-9])");

	private static final Pattern NOT_NAME = Pattern.compile("[^a-z0-9]+");

	/** The gauge of the KPI {@code kpi} measured in {@code unit} (see {@link Kpi#unit()}). */
	public static KpiGauge of(String kpi, String unit) {
		var base = kpi;
		var tags = new ArrayList<Tag>();
		if (unit != null && CURRENCY.matcher(unit).matches()) {
			if (base.endsWith("." + unit)) {
				base = base.substring(0, base.length() - unit.length() - 1);
			}
			tags.add(Tag.of("currency", unit));
		}
		var dot = base.indexOf('.');
		if (dot > 0) {
			var family = base.substring(0, dot);
			tags.add(Tag.of(QUALIFIER_LABELS.getOrDefault(family, DEFAULT_QUALIFIER_LABEL),
					MetricTags.of(base.substring(dot + 1))));
			base = family;
		}
		var words = new ArrayList<>(words(base));
		var factor = 1.0;
		String suffix = null;
		var normalizedUnit = unit == null ? "" : unit.toLowerCase(Locale.ROOT);
		if (SECONDS.containsKey(normalizedUnit)) {
			factor = SECONDS.get(normalizedUnit);
			words.removeIf(SECONDS::containsKey);
			suffix = "seconds";
		}
		else if (normalizedUnit.equals("ratio") || normalizedUnit.equals("percent")) {
			factor = normalizedUnit.equals("percent") ? 0.01 : 1.0;
			words.removeIf(word -> word.equals("ratio") || word.equals("percent"));
			if (!words.isEmpty() && words.get(words.size() - 1).equals("rate")) {
				words.remove(words.size() - 1);
			}
			suffix = "ratio";
		}
		else {
			while (!words.isEmpty() && RESERVED_LAST_WORDS.contains(words.get(words.size() - 1))) {
				words.remove(words.size() - 1);
			}
		}
		if (words.isEmpty()) {
			words.add("value");
		}
		if (suffix != null) {
			words.add(suffix);
		}
		var name = PREFIX + String.join("_", words);
		var currency = !tags.isEmpty() && tags.get(0).getKey().equals("currency");
		var shown = currency ? "amount in the currency of the label currency"
				: unit == null ? "no unit" : factor == 1.0 ? unit : unit + ", here in " + suffix;
		var description = "KPI " + base + (dot > 0 ? ".*" : "") + " (" + shown + ") over the last " + Kpis.DEFAULT_DAYS
				+ " days, today included: the total of GET /api/v1/kpis without parameters";
		return new KpiGauge(name, Tags.of(tags), factor, description);
	}

	/** The gauge's value for the KPI's value. */
	public double value(double kpiValue) {
		return kpiValue * factor;
	}

	/** The lower-case words of a camelCase name: {@code exceptionsPer100Shipments} → exceptions, per, 100, shipments. */
	static List<String> words(String name) {
		var words = new ArrayList<String>();
		var snake = CAMEL_BOUNDARY.matcher(name).replaceAll("_").toLowerCase(Locale.ROOT);
		for (var word : NOT_NAME.split(NUMBER_BOUNDARY.matcher(snake).replaceAll("_"))) {
			if (!word.isEmpty()) {
				words.add(word);
			}
		}
		return words;
	}

}
