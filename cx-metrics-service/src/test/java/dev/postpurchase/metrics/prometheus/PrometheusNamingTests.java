package dev.postpurchase.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Tag;

/**
 * How KPIs are named as gauges, and that the Java convention check catches what promtool would
 * complain about.
 */
class PrometheusNamingTests {

	@Test
	void kpiNamesBecomeSnakeCaseGaugesInBaseUnits() {
		assertGauge("onTimeDeliveryRate", "ratio", "cx_kpi_on_time_delivery_ratio", Map.of(), 1.0);
		assertGauge("csat", "ratio", "cx_kpi_csat_ratio", Map.of(), 1.0);
		assertGauge("deliveredMinusPromisedHoursP90", "hours", "cx_kpi_delivered_minus_promised_p90_seconds", Map.of(),
				3600.0);
		assertGauge("exceptionResolutionSecondsMean", "seconds", "cx_kpi_exception_resolution_mean_seconds", Map.of(),
				1.0);
		assertGauge("exceptionsPer100Shipments", "count", "cx_kpi_exceptions_per_100_shipments", Map.of(), 1.0);
		assertGauge("openExceptions", "count", "cx_kpi_open_exceptions", Map.of(), 1.0);
		assertGauge("nps", "score", "cx_kpi_nps", Map.of(), 1.0);
		assertGauge("returns.DOES_NOT_FIT", "count", "cx_kpi_returns", Map.of("reason", "does_not_fit"), 1.0);
		assertGauge("refundedAmount.EUR", "EUR", "cx_kpi_refunded_amount", Map.of("currency", "EUR"), 1.0);
		// sections added later map by the same rules
		assertGauge("retentionRate", "ratio", "cx_kpi_retention_ratio", Map.of(), 1.0);
		assertGauge("customerLifetimeValue", "EUR", "cx_kpi_customer_lifetime_value", Map.of("currency", "EUR"), 1.0);
		assertGauge("repeatPurchaseDays", "days", "cx_kpi_repeat_purchase_seconds", Map.of(), 86400.0);
		assertGauge("customersTotal", "count", "cx_kpi_customers", Map.of(), 1.0);
		assertGauge("segments.VIP", "count", "cx_kpi_segments", Map.of("key", "vip"), 1.0);
		assertGauge("latePercent", "percent", "cx_kpi_late_ratio", Map.of(), 0.01);
	}

	@Test
	void everyKpiGaugeHasHelp() {
		assertThat(KpiGauge.of("deliveredMinusPromisedHoursMean", "hours").description())
			.contains("deliveredMinusPromisedHoursMean", "hours, here in seconds", "30 days");
	}

	@Test
	void theConventionCheckFindsWhatPromtoolWould() {
		var text = """
				# HELP cx_good_total Things.
				# TYPE cx_good_total counter
				cx_good_total{service="cx"} 1.0
				# TYPE cx_no_help gauge
				cx_no_help 1.0
				# HELP cx_things Things, as a counter without _total.
				# TYPE cx_things counter
				cx_things 1.0
				# HELP cx_open_total Open things now.
				# TYPE cx_open_total gauge
				cx_open_total 1.0
				# HELP cx_wait_hours How long.
				# TYPE cx_wait_hours gauge
				cx_wait_hours 1.0
				# HELP cx_lateRatio Late.
				# TYPE cx_lateRatio gauge
				cx_lateRatio{carrierId="x"} 1.0
				# HELP cx_cycle Cycle.
				# TYPE cx_cycle histogram
				cx_cycle_bucket{le="+Inf"} 1
				cx_cycle_count 1
				cx_cycle_sum 1.0
				cx_orphan 1.0
				""";
		assertThat(ScrapedMetrics.parse(text).problems("cx_")).containsExactlyInAnyOrder("cx_no_help: no HELP",
				"cx_things: a counter without _total", "cx_open_total: a gauge ending in _total",
				"cx_wait_hours: time in hours, not seconds", "cx_lateRatio: not snake_case",
				"cx_lateRatio: label carrierId not snake_case", "cx_cycle: a histogram (of time) not in _seconds",
				"cx_orphan: a sample without TYPE");
	}

	private static void assertGauge(String kpi, String unit, String name, Map<String, String> labels, double factor) {
		var gauge = KpiGauge.of(kpi, unit);
		assertThat(gauge.name()).as(kpi).isEqualTo(name);
		assertThat(gauge.tags().stream()).as(kpi)
			.containsExactlyInAnyOrderElementsOf(labels.entrySet().stream().map(e -> Tag.of(e.getKey(), e.getValue())).toList());
		assertThat(gauge.factor()).as(kpi).isEqualTo(factor);
	}

}
