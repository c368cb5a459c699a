package dev.postpurchase.metrics.kpi;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One KPI's value, with what it was computed from, so every number can be explained: a rate shows
 * its numerator and denominator, a mean or percentile how many values it summarizes. {@code value}
 * is {@code null} when there is nothing to compute it from (no deliveries, no answers).
 *
 * @param unit {@code ratio} (0–1), {@code score}, {@code seconds}, {@code hours}, {@code count}, or a
 *     currency code for amounts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Kpi(Double value, Long numerator, Long denominator, Long count, String unit) {

	/** {@code numerator / denominator}, a ratio between 0 and 1. */
	public static Kpi rate(long numerator, long denominator) {
		return new Kpi(denominator == 0 ? null : (double) numerator / denominator, numerator, denominator, null,
				"ratio");
	}

	/** A value summarizing {@code count} observations (a mean, a percentile, a score). */
	public static Kpi of(Double value, long count, String unit) {
		return new Kpi(count == 0 ? null : value, null, null, count, unit);
	}

	/**
	 * The nearest-rank percentile of {@code values} (the value at rank ⌈p/100 × n⌉), {@code null} when
	 * there are none.
	 *
	 * @param percent between 0 (exclusive) and 100
	 */
	public static Double percentile(List<Double> values, int percent) {
		if (values.isEmpty()) {
			return null;
		}
		var sorted = values.stream().sorted().toList();
		var rank = (int) Math.ceil(percent / 100.0 * sorted.size());
		return sorted.get(Math.max(rank, 1) - 1);
	}

	/** A plain count. */
	public static Kpi count(long count) {
		return new Kpi((double) count, null, null, count, "count");
	}

}
