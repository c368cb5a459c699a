package dev.postpurchase.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.postpurchase.testkit.DevRoles;
import dev.postpurchase.testkit.MonitoringFiles;
import dev.postpurchase.testkit.ScrapedMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * deploy/'s monitoring against the real stack ({@code --in-memory}, free ports): after an order is delivered
 * on time (through a carrier exception, with a support contact and an in-store return refunded) and another
 * is stuck in a carrier exception, every metric the Prometheus rules and Grafana dashboards read is exposed
 * by a service; and a real Prometheus, configured as deploy/prometheus configures it, scrapes every service,
 * evaluates every rule without error, records, fires no alert, and shows the same KPIs as cx-metrics-service's
 * KPI API.
 */
class MonitoringIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	/** The tests of this module run in local-stack/. */
	private static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();

	private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(2);

	/** The KPI gauges are recomputed every 60 s, the tracking gauges counted every 60 s. */
	private static final Duration GAUGES_WITHIN = Duration.ofSeconds(150);

	private static final String PAYMENT_INTENT = "pi_3ItMonitoringTest0001";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path workingDirectory;

	@Test
	void everyMetricTheRulesAndDashboardsReadIsExposedAndPrometheusShowsTheKpisOfTheKpiApi() throws Exception {
		var monitoring = MonitoringFiles.read(DEPLOY);
		var ports = SimulatorFixture.freePorts(6 + Service.ALL.size());
		var environment = new HashMap<String, String>(Map.of("KAFKA_PORT", String.valueOf(ports[0]), "MONGO_PORT",
				String.valueOf(ports[1]), "ISSUER_PORT", String.valueOf(ports[2]), "SMTP_PORT", String.valueOf(ports[3]),
				"SIMULATORS_PORT", String.valueOf(ports[4])));
		var servicePorts = new LinkedHashMap<String, Integer>();
		for (int i = 0; i < Service.ALL.size(); i++) {
			var service = Service.ALL.get(i);
			environment.put(service.portVariable(), String.valueOf(ports[6 + i]));
			servicePorts.put(service.name(), ports[6 + i]);
		}
		var settings = Settings.from(List.of("--in-memory"), environment, this.workingDirectory);
		var stack = new Stack(settings, environment, System.out);
		PrometheusServer prometheus = null;
		try {
			stack.start();
			prometheus = PrometheusServer.start(DEPLOY, servicePorts, SCRAPE_INTERVAL, ports[5],
					this.workingDirectory.resolve("prometheus"));
			var tokens = JSON.readValue(settings.tokensFile(), new TypeReference<Map<String, String>>() {
			});
			var traffic = new Traffic(servicePorts, tokens);

			// an order delivered on time after a carrier delay, asked about once, one item returned in store and refunded
			var delivered = traffic.place();
			var deliveredParcel = traffic.fulfill(delivered, "PostNL");
			traffic.awaitTracked(deliveredParcel);
			traffic.scan("PostNL", deliveredParcel, "InTransit", null);
			traffic.scan("PostNL", deliveredParcel, "Exception", "CARRIER_DELAY");
			traffic.scan("PostNL", deliveredParcel, "OutForDelivery", null);
			traffic.scan("PostNL", deliveredParcel, "Delivered", null);
			traffic.contact(delivered);
			traffic.returnInStoreAndRefund(delivered);
			// another one whose first scan comes before its fulfillment (parked), then stuck in a carrier exception
			var stuck = traffic.place();
			var stuckParcel = "3SMON" + System.nanoTime();
			traffic.scan("DHL Express", stuckParcel, "InfoReceived", null);
			traffic.fulfill(stuck, "DHL Express", stuckParcel);
			traffic.awaitTracked(stuckParcel);
			traffic.scan("DHL Express", stuckParcel, "Exception", "CARRIER_DELAY");

			// (a) every metric the rules and dashboards read is exposed by some service
			var names = monitoring.scrapedMetricNames();
			assertThat(names).as("metric names read by deploy/'s rules and dashboards").hasSizeGreaterThan(20);
			await().atMost(GAUGES_WITHIN).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
				var scrapes = new ArrayList<ScrapedMetrics>();
				for (var port : servicePorts.values()) {
					scrapes.add(ScrapedMetrics.parse(get(URI.create("http://localhost:" + port + "/actuator/prometheus"), null)));
				}
				assertThat(names).as("exposed by some service").allMatch(name -> scrapes.stream().anyMatch(s -> s.has(name)));
			});

			// (b) Prometheus scrapes every service and shows the KPIs cx-metrics-service's API computes
			var server = prometheus;
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(server.get("/api/v1/targets")
				.path("activeTargets").values())
				.extracting(target -> target.path("labels").path("job").asString() + " " + target.path("health").asString())
				.containsExactlyInAnyOrderElementsOf(servicePorts.keySet().stream().map(job -> job + " up").toList()));
			var kpis = URI.create("http://localhost:" + servicePorts.get("cx-metrics-service") + "/api/v1/kpis");
			var analyst = tokens.get(DevRoles.ANALYST.id());
			await().atMost(GAUGES_WITHIN).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
				var total = JSON.readTree(get(kpis, analyst)).path("total");
				assertThat(total.path("onTimeDeliveryRate").path("value").asDouble()).isEqualTo(1.0);
				assertThat(total.path("openExceptions").path("value").asDouble()).isEqualTo(1.0);
				assertThat(value(server.query("cx_kpi_on_time_delivery_ratio")))
					.isEqualTo(total.path("onTimeDeliveryRate").path("value").asDouble());
				assertThat(value(server.query("cx_kpi_open_exceptions")))
					.isEqualTo(total.path("openExceptions").path("value").asDouble());
			});

			// every rule evaluates on the real series, the recording rules record, and a healthy stack fires no alert
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				var rules = server.get("/api/v1/rules").path("groups").values().stream()
					.flatMap(group -> group.path("rules").values().stream())
					.toList();
				assertThat(rules).hasSize(monitoring.rules().size());
				assertThat(rules).allSatisfy(rule -> assertThat(rule.path("health").asString())
					.as(rule.path("name").asString() + ": " + rule.path("lastError").asString())
					.isEqualTo("ok"));
			});
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				assertThat(server.query("kind:tracking_exceptions_open:max").values())
					.extracting(series -> series.path("metric").path("kind").asString() + " " + sample(series))
					.containsExactly("CARRIER_EXCEPTION 1.0");
				assertThat(server.query("service:outbox_backlog:max").values())
					.extracting(series -> series.path("metric").path("service").asString())
					.containsExactlyInAnyOrder("order-service", "tracking-service", "notification-service",
							"returns-service", "cx-metrics-service");
			});
			assertThat(server.query("ALERTS{alertstate=\"firing\"}").values()).as("alerts firing").isEmpty();
		}
		catch (AssertionError | RuntimeException ex) {
			if (prometheus != null) {
				System.out.println("Prometheus' log:\n" + prometheus.log());
			}
			throw ex;
		}
		finally {
			try {
				if (prometheus != null) {
					prometheus.close();
				}
			}
			finally {
				stack.stop();
			}
		}
	}

	/** The value of the one series of an instant query's result. */
	private static double value(JsonNode result) {
		assertThat(result.values()).as("series").hasSize(1);
		return sample(result.get(0));
	}

	/** The value of a series of an instant query's result ({@code "value": [time, "1.5"]}). */
	private static double sample(JsonNode series) {
		return Double.parseDouble(series.path("value").get(1).asString());
	}

	private String get(URI uri, String token) throws IOException, InterruptedException {
		var request = HttpRequest.newBuilder(uri);
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		var response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET " + uri + ": " + response.body()).isEqualTo(200);
		return response.body();
	}

	/** What platforms, carriers, agents and the returns desk send the stack, through its APIs. */
	private final class Traffic {

		private final Map<String, Integer> ports;

		private final Map<String, String> tokens;

		/** Checkpoints half a minute apart, the last one a little before now. */
		private Instant checkpoint = Instant.now().minus(Duration.ofMinutes(5));

		Traffic(Map<String, Integer> ports, Map<String, String> tokens) {
			this.ports = ports;
			this.tokens = tokens;
		}

		/** A web order of two mugs, promised in three days, paid by card; its id. */
		String place() throws IOException, InterruptedException {
			var order = """
					{"source": "monitoring-test", "externalOrderId": "MON-%s", "salesChannel": "WEB",
					 "customer": {"customerId": "cus-mon-%s", "email": "mon-%s@example.com", "name": "Mo Nitor",
					              "locale": "en-GB", "timeZone": "Europe/London", "consents": {"email": true, "sms": false, "whatsapp": false}},
					 "lines": [{"sku": "SKU-MUG", "name": "Stoneware mug", "quantity": 2,
					            "unitPrice": {"amount": 14.50, "currency": "EUR"}, "category": "home", "finalSale": false}],
					 "shippingAddress": {"name": "Mo Nitor", "line1": "1 High Street", "postalCode": "LS1 4AP",
					                     "city": "Leeds", "country": "GB"},
					 "promise": {"by": "%s", "timeZone": "Europe/London"},
					 "payment": {"provider": "stripe", "reference": "%s"}}
					""".formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
					Instant.now().plus(Duration.ofDays(3)), PAYMENT_INTENT);
			var placed = post("order-service", "/api/v1/orders", DevRoles.PLATFORM, order);
			assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
			return JSON.readTree(placed.body()).path("id").asString();
		}

		/** Ships the order with a new tracking number; the tracking number. */
		String fulfill(String orderId, String carrier) throws IOException, InterruptedException {
			return fulfill(orderId, carrier, "3SMON" + System.nanoTime());
		}

		String fulfill(String orderId, String carrier, String trackingNumber) throws IOException, InterruptedException {
			var shipped = post("order-service", "/api/v1/orders/" + orderId + "/fulfillments", DevRoles.PLATFORM,
					"{\"carrier\": \"" + carrier + "\", \"trackingNumber\": \"" + trackingNumber + "\"}");
			assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(201);
			return trackingNumber;
		}

		/** Waits until tracking-service follows the parcel (it reads the fulfillment from Kafka). */
		void awaitTracked(String trackingNumber) {
			await().atMost(Duration.ofSeconds(60)).until(() -> send(HttpRequest
				.newBuilder(uri("tracking-service", "/api/v1/shipments/" + trackingNumber))
				.header("Authorization", "Bearer " + this.tokens.get(DevRoles.AGENT.id()))
				.build()).statusCode() == 200);
		}

		/** The carrier's next checkpoint of a parcel. */
		void scan(String carrier, String trackingNumber, String status, String reason) throws IOException, InterruptedException {
			this.checkpoint = this.checkpoint.plus(Duration.ofSeconds(30));
			var scanned = post("tracking-service", "/api/v1/tracking-events", DevRoles.CARRIER, "{\"carrier\": \"" + carrier
					+ "\", \"trackingNumber\": \"" + trackingNumber + "\", \"checkpointTime\": \"" + this.checkpoint
					+ "\", \"status\": \"" + status + "\"" + (reason == null ? "" : ", \"reason\": \"" + reason + "\"")
					+ ", \"message\": \"" + status + "\"}");
			assertThat(scanned.statusCode()).as(scanned.body()).isLessThan(300);
		}

		/** A support agent logs a "where is my order?" chat, resolved at once. */
		void contact(String orderId) throws IOException, InterruptedException {
			var logged = post("order-service", "/api/v1/orders/" + orderId + "/contacts", DevRoles.AGENT,
					"{\"channel\": \"CHAT\", \"reason\": \"WISMO\", \"resolvedOnFirstContact\": true, \"agentId\": \"agent-1\"}");
			assertThat(logged.statusCode()).as(logged.body()).isLessThan(300);
		}

		/** The customer brings one mug back to a store; it is received and refunded, and the return closes. */
		void returnInStoreAndRefund(String orderId) {
			var started = new AtomicReference<HttpResponse<String>>();
			// returns-service learns of the delivery from shipment.events; until then the request is refused (422)
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				started.set(post("returns-service", "/api/v1/returns", DevRoles.RETURNS_AGENT, "{\"orderId\": \"" + orderId
						+ "\", \"lines\": [{\"sku\": \"SKU-MUG\", \"quantity\": 1}], \"reason\": \"CHANGED_MIND\", "
						+ "\"outcome\": \"REFUND\", \"method\": \"IN_STORE\"}"));
				return started.get().statusCode() != 422;
			});
			assertThat(started.get().statusCode()).as(started.get().body()).isEqualTo(201);
			var returnId = JSON.readTree(started.get().body()).path("id").asString();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				var received = post("returns-service", "/api/v1/returns/" + returnId + "/receive", DevRoles.RETURNS_AGENT,
						"{\"lines\": [{\"sku\": \"SKU-MUG\", \"quantity\": 1, \"condition\": \"OK\"}]}");
				assertThat(received.statusCode()).as(received.body()).isLessThan(300);
			});
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(JSON.readTree(send(HttpRequest
				.newBuilder(uri("returns-service", "/api/v1/returns/" + returnId))
				.header("Authorization", "Bearer " + this.tokens.get(DevRoles.RETURNS_AGENT.id()))
				.build()).body()).path("state").asString()).isEqualTo("CLOSED"));
		}

		private HttpResponse<String> post(String service, String path, DevRoles role, String body)
				throws IOException, InterruptedException {
			return send(HttpRequest.newBuilder(uri(service, path))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + this.tokens.get(role.id()))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build());
		}

		private URI uri(String service, String path) {
			return URI.create("http://localhost:" + this.ports.get(service) + path);
		}

	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
