package dev.postpurchase.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.postpurchase.testkit.InstalledTool;
import dev.postpurchase.testkit.MonitoringFiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/prometheus: the configuration of the compose stack's Prometheus, its recording and alerting rules
 * and their unit tests, checked by promtool as Prometheus would load them; and what an operator paged at
 * night needs from every alert: how urgent it is, what happened, and a runbook that exists.
 */
class PrometheusRulesTests {

	/** The tests run in deploy/, the module's folder. */
	private static final Path DEPLOY = Path.of("");

	private static final Path PROMETHEUS = DEPLOY.resolve("prometheus").toAbsolutePath();

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** The services of docker-compose.yml and their ports: one scrape job each. */
	private static final Map<String, String> COMPOSE_TARGETS = Map.of("order-service", "order-service:8081",
			"tracking-service", "tracking-service:8082", "notification-service", "notification-service:8083",
			"returns-service", "returns-service:8084", "cx-metrics-service", "cx-metrics-service:8085", "customer-pages",
			"customer-pages:8080");

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private final MonitoringFiles files = MonitoringFiles.read(DEPLOY.toAbsolutePath());

	@Test
	void theConfigurationIsValidAndLoadsEveryRuleFileFromBesideIt() {
		var result = promtool().run(PROMETHEUS, TIMEOUT, null, "check", "config", "prometheus.yml");

		assertThat(result.succeeded()).as(result.output()).isTrue();
		assertThat(result.output()).contains("SUCCESS: " + ruleFiles().size() + " rule files found");
		ruleFiles().forEach(file -> assertThat(result.output()).contains("Checking " + file));
	}

	@Test
	void theRulesAreValid() {
		var arguments = new ArrayList<>(List.of("check", "rules"));
		arguments.addAll(ruleFiles());

		var result = promtool().run(PROMETHEUS, TIMEOUT, null, arguments.toArray(String[]::new));

		assertThat(result.succeeded()).as(result.output()).isTrue();
		assertThat(files.rules()).as("rules read").isNotEmpty();
	}

	@Test
	void theRulesPassTheirUnitTests() {
		var arguments = new ArrayList<>(List.of("test", "rules"));
		arguments.addAll(unitTestFiles().stream().map(file -> PROMETHEUS.relativize(file).toString()).toList());

		var result = promtool().run(PROMETHEUS, TIMEOUT, null, arguments.toArray(String[]::new));

		assertThat(result.succeeded()).as(result.output()).isTrue();
	}

	@Test
	void scrapesEveryServiceOfTheComposeStackEvery15Seconds() {
		var config = YAML.readTree(PROMETHEUS.resolve("prometheus.yml"));

		assertThat(config.path("global").path("scrape_interval").asString()).isEqualTo("15s");
		// relative to the file: the same file works at /etc/prometheus and here
		assertThat(config.path("rule_files").values()).extracting(JsonNode::asString).containsExactly("rules/*.yml");
		var jobs = new LinkedHashMap<String, String>();
		for (var job : config.path("scrape_configs")) {
			assertThat(job.path("metrics_path").asString()).as(job.path("job_name").asString()).isEqualTo("/actuator/prometheus");
			for (var staticConfig : job.path("static_configs")) {
				staticConfig.path("targets").forEach(target -> jobs.put(job.path("job_name").asString(), target.asString()));
			}
		}
		assertThat(jobs).isEqualTo(COMPOSE_TARGETS);
	}

	@Test
	void everyAlertSaysHowUrgentItIsWhatHappenedAndWhereItsRunbookIs() throws IOException {
		var readme = Files.readString(DEPLOY.resolve("README.md"));
		assertThat(files.alerts()).as("alerts").isNotEmpty();
		for (var alert : files.alerts()) {
			var name = alert.name();
			assertThat(alert.forDuration()).as(name + " waits before it fires (for:)").isNotBlank();
			assertThat(alert.labels().get("severity")).as(name + "'s severity").isIn("page", "ticket");
			assertThat(alert.annotations().get("summary")).as(name + "'s summary").isNotBlank();
			assertThat(alert.annotations().get("description")).as(name + "'s description").isNotBlank();
			assertThat(alert.annotations().get("runbook_url")).as(name + "'s runbook")
				.isEqualTo("deploy/README.md#runbook-" + name.toLowerCase(Locale.ROOT));
			// GitHub's anchor of "### Runbook: ServiceDown" is #runbook-servicedown
			assertThat(readme).as("deploy/README.md has the runbook of " + name).containsPattern("(?m)^### Runbook: " + name + "$");
		}
	}

	@Test
	void everyAlertHasAUnitTestThatFiresItAndOneThatShowsItQuiet() {
		var fired = new HashSet<String>();
		var quiet = new HashSet<String>();
		for (var test : unitTests()) {
			for (var check : test.path("alert_rule_test")) {
				var alert = check.path("alertname").asString();
				(check.path("exp_alerts").isEmpty() ? quiet : fired).add(alert);
			}
		}
		var alerts = files.alerts().stream().map(MonitoringFiles.Rule::name).toList();

		assertThat(fired).as("alerts some unit test fires").containsAll(alerts);
		assertThat(quiet).as("alerts some unit test shows quiet").containsAll(alerts);
		assertThat(alerts).as("alerts the unit tests expect").containsAll(fired);
	}

	@Test
	void everyRecordingRuleHasItsValuesTested() {
		var tested = new HashSet<String>();
		for (var test : unitTests()) {
			for (var check : test.path("promql_expr_test")) {
				if (!check.path("exp_samples").isEmpty()) {
					tested.addAll(MonitoringFiles.metricNames(check.path("expr").asString()));
				}
			}
		}

		assertThat(tested).as("names the unit tests' queries read").containsAll(files.recordingRuleNames());
	}

	@Test
	void everyRecordedNameTheRulesAndDashboardsReadIsRecorded() {
		// a colon marks a recording rule's name: one that no rule records would be a query showing nothing
		assertThat(files.metricNames()).as("recorded names read but not recorded").noneMatch(name -> name.contains(":"));
	}

	private static InstalledTool promtool() {
		return InstalledTool.require("prometheus", null, "promtool");
	}

	/** The rule files, relative to prometheus.yml, as its rule_files glob finds them. */
	private static List<String> ruleFiles() {
		return list(PROMETHEUS.resolve("rules")).stream().map(file -> PROMETHEUS.relativize(file).toString()).toList();
	}

	private static List<Path> unitTestFiles() {
		var tests = list(PROMETHEUS.resolve("tests"));
		assertThat(tests).as("unit test files").isNotEmpty();
		return tests;
	}

	private static List<JsonNode> unitTests() {
		return unitTestFiles().stream().flatMap(file -> YAML.readTree(file).path("tests").values().stream()).toList();
	}

	private static List<Path> list(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(file -> file.toString().endsWith(".yml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
