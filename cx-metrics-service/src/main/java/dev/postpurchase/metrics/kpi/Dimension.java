package dev.postpurchase.metrics.kpi;

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

}
