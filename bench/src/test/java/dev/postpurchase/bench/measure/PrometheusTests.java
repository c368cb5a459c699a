package dev.postpurchase.bench.measure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class PrometheusTests {

	/** Lines as a service's /actuator/prometheus answers them (Micrometer's Kafka metrics come twice). */
	private static final String SCRAPE = """
			# HELP notifications_messages_total Messages by channel, milestone and outcome
			# TYPE notifications_messages_total counter
			notifications_messages_total{channel="sms",milestone="out_for_delivery",outcome="sent",reason="none",service="notification-service"} 40.0
			notifications_messages_total{channel="email",milestone="out_for_delivery",outcome="suppressed",reason="collapsed",service="notification-service"} 2.0
			notifications_messages_total{channel="email",milestone="delivered",outcome="sent",reason="none",service="notification-service"} 11.0
			kafka_consumer_fetch_manager_records_lag_max{client_id="c-1",partition="0",topic="shipment.events"} 12.0
			kafka_consumer_fetch_manager_records_lag_max{client_id="c-1",partition="0",topic="shipment_events"} 12.0
			kafka_consumer_fetch_manager_records_lag_max{client_id="c-1",partition="1",topic="shipment.events"} NaN
			kafka_consumer_fetch_manager_records_consumed_total{client_id="c-1",topic="shipment.events"} 84.0
			kafka_consumer_fetch_manager_records_consumed_total{client_id="c-1",topic="shipment_events"} 84.0
			jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 9437184.0
			jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.6493312E7
			jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.3727584E7
			mongodb_driver_commands_seconds_count{cluster_id="x",collection="notifications",command="update",status="SUCCESS"} 30.0
			mongodb_driver_commands_seconds_count{cluster_id="x",collection="notifications",command="update",status="FAILED"} 2.0
			mongodb_driver_commands_seconds_count{cluster_id="x",collection="notifications",command="find",status="SUCCESS"} 7.0
			""";

	@Test
	void sumsAndMaximaOverTheMatchingSamples() {
		var scrape = Prometheus.parse(SCRAPE);

		assertThat(scrape.sum("notifications_messages_total",
				sample -> sample.label("milestone").equals("out_for_delivery"))).isEqualTo(42);
		assertThat(scrape.sum("jvm_memory_used_bytes", Prometheus.labelled("area", "heap"))).isEqualTo(9437184.0 + 3.6493312E7);
		assertThat(scrape.max("kafka_consumer_fetch_manager_records_lag_max", Prometheus.realTopic())).isEqualTo(12);
		assertThat(scrape.sum("kafka_consumer_fetch_manager_records_consumed_total", Prometheus.realTopic())).isEqualTo(84);
		assertThat(scrape.max("no_such_metric", sample -> true)).isNaN();
		assertThat(scrape.sum("no_such_metric")).isZero();
	}

	@Test
	void sumsByAKeyMadeOfLabels() {
		var byCommand = Prometheus.parse(SCRAPE)
			.sumBy("mongodb_driver_commands_seconds_count", sample -> sample.label("command") + " " + sample.label("collection"));

		assertThat(byCommand).containsExactly(entry("update notifications", 32.0), entry("find notifications", 7.0));
	}
}
