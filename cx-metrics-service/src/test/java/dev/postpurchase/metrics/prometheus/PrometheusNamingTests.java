package dev.postpurchase.metrics.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Tag;

/**
 * How KPIs are named as gauges (test-kit's {@code ScrapedMetricsTests} check the convention check
 * itself).
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

	private static void assertGauge(String kpi, String unit, String name, Map<String, String> labels, double factor) {
		var gauge = KpiGauge.of(kpi, unit);
		assertThat(gauge.name()).as(kpi).isEqualTo(name);
		assertThat(gauge.tags().stream()).as(kpi)
			.containsExactlyInAnyOrderElementsOf(labels.entrySet().stream().map(e -> Tag.of(e.getKey(), e.getValue())).toList());
		assertThat(gauge.factor()).as(kpi).isEqualTo(factor);
	}

}
