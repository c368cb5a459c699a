package dev.postpurchase.kit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.ScrapedMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The meters that made {@code promtool check metrics} complain, registered the way the libraries do:
 * with {@link PrometheusConventions} the scrape is clean, without it it is not.
 */
class PrometheusConventionsTests {

	private final AtomicLong value = new AtomicLong(3);

	@Test
	void theScrapeOfLibraryLikeMetersIsCleanWithTheFilter() {
		var meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		meters.config().meterFilter(new PrometheusConventions());
		register(meters);
		var scraped = meters.scrape();

		ScrapedMetrics.assertFollowsConventions(scraped);
		var metrics = ScrapedMetrics.parse(scraped);
		// described where registered: kept; undescribed: its name
		assertThat(scraped).contains("# HELP orders_received_total Orders received, by channel.")
			.contains("# HELP outbox_published_total outbox.published (no description registered)")
			.contains("# HELP http_server_requests_seconds http.server.requests (no description registered)");
		// renamed gauges
		assertThat(metrics.value("system_cpu_cores", Map.of())).contains(3.0);
		assertThat(metrics.value("kafka_consumer_connections", Map.of())).contains(3.0);
		assertThat(metrics.value("jobs_duration_sum_value", Map.of())).contains(3.0);
		// denied: values in units a rename cannot fix
		assertThat(scraped).doesNotContain("process_cpu_time", "kafka_consumer_io_time_ns",
				"kafka_app_info_start_time_ms", "queue_wait_milliseconds");
		// kept
		assertThat(metrics.has("process_cpu_usage")).isTrue();
		assertThat(metrics.has("kafka_consumer_node_request_latency_avg")).isTrue();
	}

	@Test
	void withoutTheFilterPromtoolsConventionsAreBroken() {
		var meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		register(meters);

		assertThat(ScrapedMetrics.parse(meters.scrape()).problems()).contains(
				"outbox_published_total: no HELP", "process_cpu_time_ns_total: abbreviated unit ns",
				"kafka_app_info_start_time_ms: abbreviated unit ms", "system_cpu_count: a gauge ending in _count",
				"kafka_consumer_connection_count: a gauge ending in _count",
				"queue_wait_milliseconds: in milliseconds, not seconds", "jobs_duration_sum: a gauge ending in _sum");
	}

	private void register(MeterRegistry meters) {
		Counter.builder("orders.received").description("Orders received, by channel.").tag("channel", "web")
			.register(meters).increment();
		meters.counter("outbox.published").increment();
		Timer.builder("http.server.requests").tag("uri", "/").register(meters).record(Duration.ofMillis(5));
		FunctionCounter.builder("process.cpu.time", value, AtomicLong::get).baseUnit("ns").register(meters);
		Gauge.builder("process.cpu.usage", value, AtomicLong::get).register(meters);
		Gauge.builder("kafka.consumer.io.time.ns.avg", value, AtomicLong::get).register(meters);
		Gauge.builder("kafka.app.info.start.time.ms", value, AtomicLong::get).register(meters);
		Gauge.builder("kafka.consumer.node.request.latency.avg", value, AtomicLong::get).register(meters);
		Gauge.builder("queue.wait", value, AtomicLong::get).baseUnit("milliseconds").register(meters);
		Gauge.builder("system.cpu.count", value, AtomicLong::get).register(meters);
		Gauge.builder("kafka.consumer.connection.count", value, AtomicLong::get).register(meters);
		Gauge.builder("jobs.duration.sum", value, AtomicLong::get).register(meters);
	}

}
