package dev.postpurchase.metrics.kpi;

/**
 * How KPIs are split: not at all, by the day (in the store's time zone) their events happened, by
 * carrier, or by sales channel. A KPI that does not apply to a split (NPS by carrier, say, when the
 * answer cannot be tied to one) is left out of it.
 */
public enum Dimension {

	TOTAL, DAY, CARRIER, CHANNEL;

	/** The one group of {@link #TOTAL}. */
	public static final String ALL = "all";

}
