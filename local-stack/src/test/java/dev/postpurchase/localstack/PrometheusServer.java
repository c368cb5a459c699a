package dev.postpurchase.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.postpurchase.testkit.InstalledTool;

/**
 * A real Prometheus server (the {@code prometheus} of this machine) for a test: deploy/prometheus/prometheus.yml
 * with each job's target moved to where that service listens here, the scrape and evaluation interval
 * shortened, and deploy/prometheus/rules loaded, so the jobs, labels and rules are the ones the
 * docker-compose stack runs with. Its data and log stay in the folder given.
 */
final class PrometheusServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Duration READY_WITHIN = Duration.ofSeconds(30);

	private final Process process;

	private final URI base;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private PrometheusServer(Process process, URI base, Path log) {
		this.process = process;
		this.base = base;
		this.log = log;
	}

	/**
	 * Starts Prometheus and returns once it is ready.
	 *
	 * @param deploy the repository's deploy/ folder
	 * @param ports each scrape job's name (a service's name) to the local port the service listens on
	 */
	static PrometheusServer start(Path deploy, Map<String, Integer> ports, Duration interval, int port, Path directory)
			throws IOException, InterruptedException {
		var prometheus = InstalledTool.require("prometheus", null, "prometheus");
		var config = configuration(deploy.resolve("prometheus").toAbsolutePath(), ports, interval);
		Files.createDirectories(directory);
		var configFile = directory.resolve("prometheus.yml");
		Files.writeString(configFile, YAMLMapper.builder().build().writeValueAsString(config));
		var log = directory.resolve("prometheus.log");
		var process = new ProcessBuilder(prometheus.executable().toString(), "--config.file=" + configFile,
				"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		var server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
		server.awaitReady();
		return server;
	}

	/** The compose configuration, its targets local, its rule files absolute, its intervals {@code interval}. */
	static ObjectNode configuration(Path prometheusDirectory, Map<String, Integer> ports, Duration interval) {
		var config = (ObjectNode) YAMLMapper.builder().build().readTree(prometheusDirectory.resolve("prometheus.yml"));
		var every = interval.toSeconds() + "s";
		var global = (ObjectNode) config.get("global");
		global.put("scrape_interval", every);
		global.put("scrape_timeout", every);
		global.put("evaluation_interval", every);
		var ruleFiles = config.get("rule_files").values().stream().map(JsonNode::asString).toList();
		var absolute = config.putArray("rule_files");
		ruleFiles.forEach(glob -> absolute.add(prometheusDirectory.resolve(glob).toString()));
		for (var job : config.get("scrape_configs")) {
			var name = job.path("job_name").asString();
			var servicePort = ports.get(name);
			if (servicePort == null) {
				throw new IllegalArgumentException("No port for the scrape job " + name + " (ports of " + ports.keySet() + ")");
			}
			for (var staticConfig : job.path("static_configs")) {
				((ObjectNode) staticConfig).putArray("targets").add("localhost:" + servicePort);
			}
		}
		return config;
	}

	/** {@code GET /api/v1/query}: the result of an instant query (an array of series with their value). */
	JsonNode query(String promql) {
		return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
	}

	/** The {@code data} of a successful answer of Prometheus' HTTP API. */
	JsonNode get(String path) {
		try {
			var response = this.http.send(HttpRequest.newBuilder(this.base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
			var body = JSON.readTree(response.body());
			if (response.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
				throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
			}
			return body.path("data");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** What Prometheus logged, for a failure's message. */
	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private void awaitReady() throws InterruptedException {
		var deadline = Instant.now().plus(READY_WITHIN);
		var ready = HttpRequest.newBuilder(this.base.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Prometheus exited with " + this.process.exitValue() + ":\n" + log());
			}
			try {
				if (this.http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notListeningYet) {
				// it binds its port after loading its configuration
			}
			this.process.waitFor(200, TimeUnit.MILLISECONDS);
		}
		close();
		throw new IllegalStateException("Prometheus was not ready within " + READY_WITHIN.toSeconds() + " s:\n" + log());
	}

}
