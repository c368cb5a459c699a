package dev.postpurchase.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.postpurchase.testkit.InstalledTool;
import dev.postpurchase.testkit.MonitoringFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/grafana: the provisioning that points Grafana at the compose stack's Prometheus and at the
 * dashboards, and the dashboards themselves: each one found under its own uid and title, every query
 * sent to the provisioned data source and valid PromQL (promtool parses them), every panel with its unit.
 */
class GrafanaDashboardsTests {

	/** The tests run in deploy/, the module's folder. */
	private static final Path GRAFANA = Path.of("grafana").toAbsolutePath();

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private final MonitoringFiles files = MonitoringFiles.read(Path.of("").toAbsolutePath());

	@TempDir
	Path temporary;

	@Test
	void grafanaIsProvisionedWithThePrometheusOfTheStackAndTheDashboardsFolder() {
		var datasources = YAML.readTree(GRAFANA.resolve("provisioning/datasources/prometheus.yml")).path("datasources");
		assertThat(datasources.values()).singleElement().satisfies(datasource -> {
			assertThat(datasource.path("type").asString()).isEqualTo("prometheus");
			assertThat(datasource.path("uid").asString()).isEqualTo("prometheus");
			assertThat(datasource.path("url").asString()).isEqualTo("http://prometheus:9090");
		});
		var providers = YAML.readTree(GRAFANA.resolve("provisioning/dashboards/dashboards.yml")).path("providers");
		assertThat(providers.values()).singleElement().satisfies(provider -> {
			assertThat(provider.path("type").asString()).isEqualTo("file");
			// where docker-compose.yml mounts deploy/grafana/dashboards
			assertThat(provider.path("options").path("path").asString()).isEqualTo("/var/lib/grafana/dashboards");
		});
	}

	@Test
	void everyDashboardAndPanelHasItsOwnUidOrIdAndTitleAndPanelsFitTheGrid() {
		assertThat(files.dashboards().keySet()).extracting(file -> file.getFileName().toString())
			.containsExactlyInAnyOrder("cx-overview.json", "delivery-by-carrier.json", "notifications.json", "returns.json",
					"platform-health.json");
		var uids = new HashSet<String>();
		var titles = new HashSet<String>();
		files.dashboards().forEach((file, dashboard) -> {
			var name = file.getFileName().toString();
			assertThat(uids.add(dashboard.path("uid").asString())).as(name + "'s uid is its own").isTrue();
			assertThat(titles.add(dashboard.path("title").asString())).as(name + "'s title is its own").isTrue();
			assertThat(dashboard.path("uid").asString()).as(name + "'s uid").isEqualTo(name.replace(".json", ""));
			assertThat(dashboard.path("schemaVersion").asInt()).as(name + "'s schemaVersion").isGreaterThanOrEqualTo(36);
			var ids = new HashSet<Integer>();
			var panelTitles = new HashSet<String>();
			for (var panel : MonitoringFiles.panels(dashboard)) {
				var title = name + ": panel '" + panel.path("title").asString() + "'";
				assertThat(ids.add(panel.path("id").asInt())).as(title + "'s id is its own").isTrue();
				assertThat(panelTitles.add(panel.path("title").asString())).as(title + "'s title is its own").isTrue();
				var grid = panel.path("gridPos");
				assertThat(grid.path("w").asInt()).as(title + "'s width").isPositive();
				assertThat(grid.path("h").asInt()).as(title + "'s height").isPositive();
				assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title + " within 24 columns").isLessThanOrEqualTo(24);
			}
		});
	}

	@Test
	void everyQueryAsksTheProvisionedPrometheus() {
		var uid = YAML.readTree(GRAFANA.resolve("provisioning/datasources/prometheus.yml")).path("datasources").get(0)
			.path("uid").asString();
		files.dashboards().forEach((file, dashboard) -> {
			var name = file.getFileName().toString();
			for (var panel : MonitoringFiles.panels(dashboard)) {
				if (panel.path("targets").isEmpty()) {
					continue;
				}
				var title = name + ": panel '" + panel.path("title").asString() + "'";
				assertDataSource(panel.path("datasource"), uid, title);
				panel.path("targets").forEach(target -> assertDataSource(target.path("datasource"), uid,
						title + " query " + target.path("refId").asString()));
			}
			dashboard.path("templating").path("list").forEach(variable -> assertDataSource(variable.path("datasource"), uid,
					name + ": variable " + variable.path("name").asString()));
		});
	}

	@Test
	void everyPanelShowsItsUnit() {
		files.dashboards().forEach((file, dashboard) -> {
			for (var panel : MonitoringFiles.panels(dashboard)) {
				if (!panel.path("type").asString().equals("row")) {
					assertThat(panel.path("fieldConfig").path("defaults").path("unit").asString())
						.as(file.getFileName() + ": panel '" + panel.path("title").asString() + "'s unit").isNotBlank();
				}
			}
		});
	}

	@Test
	void everyDashboardQueryIsValidPromQL() throws Exception {
		var queries = files.queries().stream().filter(query -> query.where().startsWith("grafana")).toList();
		assertThat(queries).as("dashboard queries").hasSizeGreaterThan(files.dashboards().size());
		// promtool parses PromQL where it checks rules: one group per query, named where it comes from
		var groups = new ArrayList<Map<String, Object>>();
		for (int i = 0; i < queries.size(); i++) {
			var query = queries.get(i);
			groups.add(Map.of("name", query.where(), "rules", List.of(Map.of("record", "dashboard_query_" + i, "expr",
					query.promql()))));
		}
		var rules = temporary.resolve("dashboard-queries.yml");
		Files.writeString(rules, YAML.writeValueAsString(Map.of("groups", groups)));

		var result = InstalledTool.require("prometheus", null, "promtool")
			.run(temporary, Duration.ofSeconds(60), null, "check", "rules", rules.getFileName().toString());

		assertThat(result.succeeded()).as(result.output()).isTrue();
		assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
	}

	private static void assertDataSource(JsonNode datasource, String uid, String what) {
		var expected = new LinkedHashMap<String, String>(Map.of("type", "prometheus", "uid", uid));
		var actual = new LinkedHashMap<String, String>();
		datasource.properties().forEach(entry -> actual.put(entry.getKey(), entry.getValue().asString()));
		assertThat(actual).as(what + "'s data source").isEqualTo(expected);
	}

}
