package dev.postpurchase.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The monitoring as code under {@code deploy/}: Prometheus' rule files ({@code prometheus/rules/*.yml})
 * and Grafana's dashboards ({@code grafana/dashboards/*.json}), read for what tests check in them: the
 * rules, the PromQL queries of rules and dashboards, and the metric names those queries read. The deploy
 * module checks the files with promtool; the local stack checks that its services expose every name.
 *
 * <p>Needs {@code tools.jackson.dataformat:jackson-dataformat-yaml} on the test class path (an optional
 * dependency of test-kit).
 */
public final class MonitoringFiles {

	/**
	 * Series Prometheus makes itself rather than scrapes: no service exposes them, yet rules and
	 * dashboards may read them.
	 */
	public static final Set<String> PROMETHEUS_OWN = Set.of("up", "ALERTS", "ALERTS_FOR_STATE",
			"scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling",
			"scrape_series_added");

	/** The value Grafana's interval variables stand for when a dashboard query is checked. */
	static final String INTERVAL = "5m";

	/** The value any other dashboard variable stands for: valid wherever a label value may stand. */
	static final String VARIABLE_VALUE = "value";

	private static final Pattern INTERVAL_VARIABLE = Pattern
		.compile("\\$__(?:rate_interval|interval|range)\\b|\\$\\{__(?:rate_interval|interval|range)}");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Za-z0-9_]+(?::[^}]*)?}|\\$[A-Za-z0-9_]+|\\[\\[[A-Za-z0-9_]+]]");

	/** Grafana's Prometheus variable queries that wrap a PromQL selector: label_values(expr, label), query_result(expr). */
	private static final Pattern LABEL_VALUES = Pattern.compile("\\s*label_values\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)\\s*");

	private static final Pattern QUERY_RESULT = Pattern.compile("\\s*query_result\\((.*)\\)\\s*");

	/** PromQL words that are no metric names: operators and modifiers. */
	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
			"group_left", "group_right", "bool", "offset", "atan2", "inf", "nan");

	/** Aggregations, which may be followed by "by (...)" or "without (...)" before their parenthesis. */
	private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
			"count", "count_values", "bottomk", "topk", "quantile");

	/** Modifiers followed by a list of label names in parentheses. */
	private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left",
			"group_right");

	/**
	 * A rule of a rule file: a recording rule (with {@code record}) or an alert (with {@code alert}).
	 *
	 * @param forDuration the alert's {@code for}, null when it has none
	 */
	public record Rule(Path file, String group, String record, String alert, String expr, String forDuration,
			Map<String, String> labels, Map<String, String> annotations) {

		public boolean isAlert() {
			return alert != null;
		}

		/** The rule's name: what it records, or the alert's name. */
		public String name() {
			return isAlert() ? alert : record;
		}

	}

	/**
	 * A PromQL query of a rule or a dashboard.
	 *
	 * @param where which file and which rule, panel or variable, for messages
	 * @param promql the query as Prometheus takes it (a dashboard's variables replaced)
	 */
	public record Query(String where, String promql) {

	}

	private final Path deploy;

	private final List<Rule> rules;

	private final Map<Path, JsonNode> dashboards;

	private MonitoringFiles(Path deploy, List<Rule> rules, Map<Path, JsonNode> dashboards) {
		this.deploy = deploy;
		this.rules = rules;
		this.dashboards = dashboards;
	}

	/** Reads the rule files and dashboards under the {@code deploy/} folder given. */
	public static MonitoringFiles read(Path deploy) {
		var yaml = YAMLMapper.builder().build();
		var rules = new ArrayList<Rule>();
		for (var file : files(deploy.resolve("prometheus/rules"), ".yml")) {
			for (var group : yaml.readTree(file).path("groups")) {
				for (var rule : group.path("rules")) {
					rules.add(new Rule(file, group.path("name").asString(), text(rule, "record"), text(rule, "alert"),
							text(rule, "expr"), text(rule, "for"), strings(rule.path("labels")),
							strings(rule.path("annotations"))));
				}
			}
		}
		var json = JsonMapper.shared();
		var dashboards = new LinkedHashMap<Path, JsonNode>();
		for (var file : files(deploy.resolve("grafana/dashboards"), ".json")) {
			dashboards.put(file, json.readTree(file));
		}
		return new MonitoringFiles(deploy, List.copyOf(rules), dashboards);
	}

	/** The {@code deploy/} folder the files were read from. */
	public Path deploy() {
		return deploy;
	}

	/** Every rule of every rule file, in file order. */
	public List<Rule> rules() {
		return rules;
	}

	/** The alerting rules. */
	public List<Rule> alerts() {
		return rules.stream().filter(Rule::isAlert).toList();
	}

	/** The names the recording rules record. */
	public Set<String> recordingRuleNames() {
		return rules.stream().filter(rule -> !rule.isAlert()).map(Rule::record).collect(Collectors.toSet());
	}

	/** Each dashboard file and its JSON. */
	public Map<Path, JsonNode> dashboards() {
		return dashboards;
	}

	/** Every panel of a dashboard, the panels inside (collapsed) rows included. */
	public static List<JsonNode> panels(JsonNode dashboard) {
		var panels = new ArrayList<JsonNode>();
		for (var panel : dashboard.path("panels")) {
			panels.add(panel);
			panel.path("panels").forEach(panels::add);
		}
		return panels;
	}

	/**
	 * Every PromQL query: the rules' expressions, the dashboards' panel targets, and the selectors of their
	 * variable queries ({@code label_values(expr, label)}); dashboards' variables replaced by values
	 * Prometheus takes ({@link #withVariablesReplaced}).
	 */
	public List<Query> queries() {
		var queries = new ArrayList<Query>();
		for (var rule : rules) {
			queries.add(new Query(deploy.relativize(rule.file()) + ": " + (rule.isAlert() ? "alert " : "record ") + rule.name(),
					rule.expr()));
		}
		dashboards.forEach((file, dashboard) -> {
			var name = deploy.relativize(file).toString();
			for (var panel : panels(dashboard)) {
				for (var target : panel.path("targets")) {
					var expr = text(target, "expr");
					if (expr != null) {
						queries.add(new Query(name + ": panel '" + panel.path("title").asString() + "' query "
								+ target.path("refId").asString(), withVariablesReplaced(expr)));
					}
				}
			}
			for (var variable : dashboard.path("templating").path("list")) {
				var query = variable.path("query");
				var text = query.isObject() ? query.path("query").asString() : query.asString();
				selector(text).ifPresent(selector -> queries.add(new Query(
						name + ": variable " + variable.path("name").asString(), withVariablesReplaced(selector))));
			}
		});
		return queries;
	}

	/** The metric names the queries read, without the recording rules' names (which Prometheus makes). */
	public SortedSet<String> metricNames() {
		var recorded = recordingRuleNames();
		return queries().stream()
			.flatMap(query -> metricNames(query.promql()).stream())
			.filter(name -> !recorded.contains(name))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/** The metric names the services must expose: {@link #metricNames()} without {@link #PROMETHEUS_OWN}. */
	public SortedSet<String> scrapedMetricNames() {
		var names = metricNames();
		names.removeAll(PROMETHEUS_OWN);
		return names;
	}

	/**
	 * A dashboard query as Prometheus takes it: Grafana's interval variables ({@code $__rate_interval},
	 * {@code $__interval}, {@code $__range}) become {@value #INTERVAL}, any other variable
	 * ({@code $name}, {@code ${name}}, {@code ${name:format}}, {@code [[name]]}) becomes
	 * {@value #VARIABLE_VALUE}, which is valid where dashboards use variables: in label matchers.
	 */
	public static String withVariablesReplaced(String expression) {
		var intervals = INTERVAL_VARIABLE.matcher(expression).replaceAll(INTERVAL);
		return VARIABLE.matcher(intervals).replaceAll(VARIABLE_VALUE);
	}

	/**
	 * The metric names a PromQL expression reads: its identifiers that are no function, aggregation,
	 * keyword or label name, outside strings, label matchers and range brackets. A recording rule's name
	 * is a metric name here too ({@link #metricNames()} leaves them out).
	 */
	public static SortedSet<String> metricNames(String promql) {
		var names = new TreeSet<String>();
		int i = 0;
		int length = promql.length();
		while (i < length) {
			char c = promql.charAt(i);
			if (c == '"' || c == '\'' || c == '`') {
				i = skipString(promql, i);
			}
			else if (c == '{') {
				i = skipBlock(promql, i, '{', '}');
			}
			else if (c == '[') {
				i = skipBlock(promql, i, '[', ']');
			}
			else if (c == '#') {
				i = skipComment(promql, i);
			}
			else if (Character.isDigit(c) || (c == '.' && i + 1 < length && Character.isDigit(promql.charAt(i + 1)))) {
				// a number or a duration (5m, 1.5e3, 0x1F)
				while (i < length && (Character.isLetterOrDigit(promql.charAt(i)) || promql.charAt(i) == '.'
						|| promql.charAt(i) == '_')) {
					i++;
				}
			}
			else if (Character.isLetter(c) || c == '_' || c == ':') {
				int start = i;
				while (i < length && (Character.isLetterOrDigit(promql.charAt(i)) || promql.charAt(i) == '_'
						|| promql.charAt(i) == ':')) {
					i++;
				}
				var word = promql.substring(start, i);
				int next = skipSpace(promql, i);
				var lower = word.toLowerCase(Locale.ROOT);
				if (LABEL_LISTS.contains(lower)) {
					if (next < length && promql.charAt(next) == '(') {
						i = skipBlock(promql, next, '(', ')');
					}
				}
				else if (KEYWORDS.contains(lower) || AGGREGATIONS.contains(lower)) {
					// an operator, a modifier, or an aggregation (followed by "(" or by "by"/"without")
				}
				else if (next < length && promql.charAt(next) == '(') {
					// a function
				}
				else {
					names.add(word);
				}
			}
			else {
				i++;
			}
		}
		return names;
	}

	/** The PromQL selector inside a Grafana variable query, if it has one. */
	static Optional<String> selector(String variableQuery) {
		if (variableQuery == null) {
			return Optional.empty();
		}
		var labelValues = LABEL_VALUES.matcher(variableQuery);
		if (labelValues.matches()) {
			return Optional.of(labelValues.group(1));
		}
		var queryResult = QUERY_RESULT.matcher(variableQuery);
		return queryResult.matches() ? Optional.of(queryResult.group(1)) : Optional.empty();
	}

	private static int skipString(String text, int start) {
		char quote = text.charAt(start);
		int i = start + 1;
		while (i < text.length() && text.charAt(i) != quote) {
			i += text.charAt(i) == '\\' && quote != '`' ? 2 : 1;
		}
		return i + 1;
	}

	/** Past the block opened at {@code start}, strings and nested blocks inside skipped whole. */
	private static int skipBlock(String text, int start, char open, char close) {
		int depth = 0;
		int i = start;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '"' || c == '\'' || c == '`') {
				i = skipString(text, i);
				continue;
			}
			if (c == open) {
				depth++;
			}
			else if (c == close && --depth == 0) {
				return i + 1;
			}
			i++;
		}
		return i;
	}

	private static int skipComment(String text, int start) {
		int end = text.indexOf('\n', start);
		return end < 0 ? text.length() : end + 1;
	}

	private static int skipSpace(String text, int start) {
		int i = start;
		while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
			i++;
		}
		return i;
	}

	private static List<Path> files(Path directory, String suffix) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + directory, ex);
		}
	}

	private static String text(JsonNode node, String field) {
		var value = node.get(field);
		return value == null || value.isNull() ? null : value.asString();
	}

	private static Map<String, String> strings(JsonNode object) {
		var map = new LinkedHashMap<String, String>();
		object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asString()));
		return map;
	}

}
