package dev.postpurchase.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MonitoringFilesTests {

	@TempDir
	Path deploy;

	@Test
	void findsTheMetricNamesOfAQueryButNoFunctionKeywordLabelOrString() {
		assertThat(MonitoringFiles.metricNames("""
				(
				  sum by (channel) (rate(notifications_messages_total{outcome="failed", channel=~"sms|email"}[15m] offset 5m))
				  or on (channel) group_left
				  channel:notifications_messages:rate5m * 0
				)
				/ ignoring (le) max without (instance) (label_replace(kafka_lag_max, "group", "$1", "client_id", "consumer-(.+)"))
				> bool 1e3 unless time() - cx_kpis_refreshed_timestamp_seconds @ end() > 300 and up == 0
				"""))
			.containsExactly("channel:notifications_messages:rate5m", "cx_kpis_refreshed_timestamp_seconds", "kafka_lag_max",
					"notifications_messages_total", "up");
	}

	@Test
	void readsSubqueriesAndHistogramsWithoutTheirDurations() {
		assertThat(MonitoringFiles.metricNames(
				"histogram_quantile(0.9, sum by (le) (rate(tracking_carrier_data_lag_seconds_bucket[5m:30s])))"))
			.containsExactly("tracking_carrier_data_lag_seconds_bucket");
	}

	@Test
	void replacesGrafanasVariablesWithValuesPrometheusTakes() {
		assertThat(MonitoringFiles.withVariablesReplaced(
				"sum(rate(x_total{service=~\"$service\", carrier=~\"${carrier:regex}\", c=\"[[channel]]\"}[$__rate_interval])) * ${__range}"))
			.isEqualTo("sum(rate(x_total{service=~\"value\", carrier=~\"value\", c=\"value\"}[5m])) * 5m");
	}

	@Test
	void readsRulesDashboardsAndTheirQueriesLeavingOutRecordedNamesAndPrometheusOwnSeries() throws Exception {
		Files.createDirectories(deploy.resolve("prometheus/rules"));
		Files.createDirectories(deploy.resolve("grafana/dashboards"));
		Files.writeString(deploy.resolve("prometheus/rules/rules.yml"), """
				groups:
				  - name: g
				    rules:
				      - record: service:outbox_backlog:max
				        expr: max by (service) (outbox_backlog)
				      - alert: OutboxBacklogGrowing
				        expr: service:outbox_backlog:max > 0 or up == 0
				        for: 10m
				        labels: {severity: page}
				        annotations: {summary: stuck}
				""");
		Files.writeString(deploy.resolve("grafana/dashboards/d.json"), """
				{"uid": "d", "templating": {"list": [{"name": "service", "query": "label_values(jvm_info, service)"}]},
				 "panels": [{"type": "row", "panels": [
				   {"title": "Published", "targets": [{"refId": "A", "expr": "rate(outbox_published_total{service=~\\"$service\\"}[$__rate_interval])"}]}]}]}
				""");

		var files = MonitoringFiles.read(deploy);

		assertThat(files.alerts()).singleElement().satisfies(alert -> {
			assertThat(alert.name()).isEqualTo("OutboxBacklogGrowing");
			assertThat(alert.forDuration()).isEqualTo("10m");
			assertThat(alert.labels()).containsEntry("severity", "page");
			assertThat(alert.annotations()).containsEntry("summary", "stuck");
		});
		assertThat(files.recordingRuleNames()).containsExactly("service:outbox_backlog:max");
		assertThat(files.queries()).extracting(MonitoringFiles.Query::promql)
			.contains("rate(outbox_published_total{service=~\"value\"}[5m])", "jvm_info");
		assertThat(files.metricNames()).containsExactly("jvm_info", "outbox_backlog", "outbox_published_total", "up");
		assertThat(files.scrapedMetricNames()).containsExactly("jvm_info", "outbox_backlog", "outbox_published_total");
	}

}
