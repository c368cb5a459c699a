package dev.postpurchase.metrics.kpi;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Label values of the fact counters and histograms: enum constants and carrier ids only, never an
 * order, a customer or anything personal, so every metric keeps a handful of series. A value nobody
 * told becomes {@code unknown}.
 */
public final class MetricTags {

	/** The value of a label nobody told. */
	public static final String UNKNOWN = "unknown";

	private static final Pattern NOT_ID = Pattern.compile("[^a-z0-9_-]");

	private static final int LONGEST_ID = 40;

	private MetricTags() {
	}

	/** An enum constant, lower case: {@code WISMO} → {@code wismo}. */
	public static String of(Enum<?> value) {
		return value == null ? UNKNOWN : value.name().toLowerCase(Locale.ROOT);
	}

	/** An enum constant kept by its name, lower case. */
	public static String of(String name) {
		return name == null || name.isBlank() ? UNKNOWN : name.toLowerCase(Locale.ROOT);
	}

	/**
	 * A carrier id ({@code postnl}, {@code dhl-express}), lower case, with anything but letters, digits,
	 * {@code -} and {@code _} replaced and cut to 40 characters, so a malformed id cannot blow up a label.
	 */
	public static String carrier(String carrier) {
		if (carrier == null || carrier.isBlank()) {
			return UNKNOWN;
		}
		var id = NOT_ID.matcher(carrier.strip().toLowerCase(Locale.ROOT)).replaceAll("_");
		return id.length() > LONGEST_ID ? id.substring(0, LONGEST_ID) : id;
	}

}
