package dev.postpurchase.bench.measure;

import java.util.Arrays;

/**
 * Latency percentiles of a set of measurements, in milliseconds: nearest-rank p50, p95, p99 and the
 * maximum. {@link #NONE} when nothing was measured, so a report shows "n/a" rather than a made-up 0.
 *
 * @param count how many measurements
 */
public record Latencies(long count, double p50, double p95, double p99, double max) {

	public static final Latencies NONE = new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

	public static Latencies of(double[] millis) {
		if (millis.length == 0) {
			return NONE;
		}
		var sorted = millis.clone();
		Arrays.sort(sorted);
		return new Latencies(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
				sorted[sorted.length - 1]);
	}

	/** Nearest rank: the smallest value with at least p percent of the values at or below it. */
	static double rank(double[] sorted, double percent) {
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	public boolean measured() {
		return this.count > 0;
	}
}
