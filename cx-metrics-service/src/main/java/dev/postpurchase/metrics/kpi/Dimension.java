package dev.postpurchase.metrics.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * How KPIs are split: not at all, by the day (in the store's time zone) their events happened, by
 * carrier, by sales channel, or by delivery exception kind. A KPI that does not apply to a split (NPS
 * by carrier, say, when the answer cannot be tied to one; anything but the exception KPIs by kind) is
 * left out of it.
 */
public enum Dimension {

	TOTAL, DAY, CARRIER, CHANNEL, KIND;

	/** The one group of {@link #TOTAL}. */
	public static final String ALL = "all";

	/** Whether a fact of time {@code at} counts in {@code [from, to)}; a fact without the time never does. */
	public static boolean within(Instant at, Instant from, Instant to) {
		return at != null && !at.isBefore(from) && at.isBefore(to);
	}

	/**
	 * The group of this split a fact falls in: {@link #ALL}, the day of {@code at} in {@code zone}, or
	 * the fact's carrier, sales channel or exception kind; none when the fact cannot be placed in the
	 * split (that value is unknown, or the fact has none: a shipment has no kind).
	 */
	public Optional<String> group(Instant at, ZoneId zone, String carrier, String channel, String kind) {
		return Optional.ofNullable(switch (this) {
			case TOTAL -> ALL;
			case DAY -> LocalDate.ofInstant(at, zone).toString();
			case CARRIER -> carrier;
			case CHANNEL -> channel;
			case KIND -> kind;
		});
	}

}
