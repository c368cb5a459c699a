package dev.postpurchase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The Java convention check finds what {@code promtool check metrics} would, so a machine without
 * promtool still catches it; where promtool is installed, both agree on which families are wrong.
 */
class ScrapedMetricsTests {

	private static final String CLEAN = """
			# HELP orders_received_total Orders received.
			# TYPE orders_received_total counter
			orders_received_total{channel="web",service="order-service"} 1.0
			# HELP outbox_backlog Entries waiting.
			# TYPE outbox_backlog gauge
			outbox_backlog{collection="orders"} 0.0
			# HELP http_server_requests_seconds Requests.
			# TYPE http_server_requests_seconds summary
			http_server_requests_seconds_count{uri="/"} 2
			http_server_requests_seconds_sum{uri="/"} 0.5
			# HELP cx_refund_cycle_seconds Refund cycle.
			# TYPE cx_refund_cycle_seconds histogram
			cx_refund_cycle_seconds_bucket{le="3600.0"} 0
			cx_refund_cycle_seconds_bucket{le="+Inf"} 1
			cx_refund_cycle_seconds_count 1
			cx_refund_cycle_seconds_sum 7200.0
			""";

	private static final String BROKEN = """
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
			# HELP kafka_consumer_io_time_ns_avg Time in nanoseconds.
			# TYPE kafka_consumer_io_time_ns_avg gauge
			kafka_consumer_io_time_ns_avg 1.0
			# HELP process_cpu_time_milliseconds_total CPU time.
			# TYPE process_cpu_time_milliseconds_total counter
			process_cpu_time_milliseconds_total 1.0
			# HELP system_cpu_count CPUs.
			# TYPE system_cpu_count gauge
			system_cpu_count 2.0
			# HELP jvm_gauge_things Things.
			# TYPE jvm_gauge_things gauge
			jvm_gauge_things{quantile="0.5",le="1"} 1.0
			""";

	@Test
	void aCleanExpositionHasNoProblems() {
		var metrics = ScrapedMetrics.parse(CLEAN);
		assertThat(metrics.problems()).isEmpty();
		assertThat(ScrapedMetrics.promtool(CLEAN)).isEmpty();
		assertThat(metrics.value("orders_received_total", Map.of("channel", "web"))).contains(1.0);
		assertThat(metrics.valueOrZero("orders_received_total", Map.of("channel", "api"))).isZero();
		assertThat(metrics.families("cx_")).containsExactly("cx_refund_cycle_seconds");
		ScrapedMetrics.assertFollowsConventions(CLEAN);
	}

	@Test
	void theConventionCheckFindsWhatPromtoolWould() {
		assertThat(ScrapedMetrics.parse(BROKEN).problems()).containsExactlyInAnyOrder("cx_no_help: no HELP",
				"cx_things: a counter without _total", "cx_open_total: a gauge ending in _total",
				"cx_wait_hours: in hours, not seconds", "cx_lateRatio: not snake_case",
				"cx_lateRatio: label carrierId not snake_case", "kafka_consumer_io_time_ns_avg: abbreviated unit ns",
				"process_cpu_time_milliseconds_total: in milliseconds, not seconds",
				"system_cpu_count: a gauge ending in _count", "jvm_gauge_things: the type gauge in the name",
				"jvm_gauge_things: reserved label quantile on a gauge", "jvm_gauge_things: reserved label le on a gauge");
		assertThatThrownBy(() -> ScrapedMetrics.assertFollowsConventions(BROKEN)).isInstanceOf(AssertionError.class);
	}

	@Test
	void promtoolWhereInstalledComplainsAboutTheSameFamilies() {
		var complaints = ScrapedMetrics.promtool(BROKEN);
		if (complaints.isEmpty()) {
			return; // promtool is not on the PATH: the Java check stands alone
		}
		var byPromtool = new TreeSet<String>();
		complaints.forEach(line -> byPromtool.add(line.split(" ", 2)[0]));
		var byJava = new TreeSet<String>();
		ScrapedMetrics.parse(BROKEN).problems().forEach(problem -> byJava.add(problem.split(":", 2)[0]));
		assertThat(byJava).isEqualTo(byPromtool);
	}

	@Test
	void onlyKeepsTheLinesOfAPrefix() {
		assertThat(ScrapedMetrics.only("cx_", CLEAN)).startsWith("# HELP cx_refund_cycle_seconds")
			.doesNotContain("orders_received_total");
	}

}
