package dev.postpurchase.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.testkit.DevRoles;
import dev.postpurchase.testkit.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real stack, as {@code java -jar local-stack.jar --in-memory} runs it: Kafka, MongoDB and the
 * development issuer in this JVM, every service in a child JVM started from this class path, all on
 * free ports, its state in a temporary folder.
 */
class LocalStackIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	/** The Stripe PaymentIntent the test order was paid with; refunds are made against it. */
	private static final String PAYMENT_INTENT = "pi_3ItLocalStackTest0001";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path workingDirectory;

	@Test
	void startsThePlatformTakesAnOrderWithAPlatformTokenAndStopsEveryServiceJvm() throws Exception {
		var ports = SimulatorFixture.freePorts(5 + Service.ALL.size());
		int kafkaPort = ports[0];
		int simulatorsPort = ports[4];
		var environment = new java.util.HashMap<String, String>(Map.of("KAFKA_PORT", String.valueOf(kafkaPort),
				"MONGO_PORT", String.valueOf(ports[1]), "ISSUER_PORT", String.valueOf(ports[2]), "SMTP_PORT",
				String.valueOf(ports[3]), "SIMULATORS_PORT", String.valueOf(simulatorsPort)));
		for (int i = 0; i < Service.ALL.size(); i++) {
			environment.put(Service.ALL.get(i).portVariable(), String.valueOf(ports[5 + i]));
		}
		int orderServicePort = Integer.parseInt(environment.get("ORDER_SERVICE_PORT"));
		var settings = Settings.from(List.of("--in-memory"), environment, this.workingDirectory);
		var stack = new Stack(settings, environment, System.out);
		var services = new ArrayList<ProcessHandle>();
		try {
			stack.start(); // returns once every service is ready
			services.addAll(stack.serviceProcesses());
			assertThat(services).hasSize(Service.ALL.size()).allMatch(ProcessHandle::isAlive);
			var orderService = URI.create("http://localhost:" + orderServicePort);

			assertThat(send(HttpRequest.newBuilder(orderService.resolve("/actuator/health/readiness")).build()).statusCode())
				.isEqualTo(200);

			var tokens = JSON.readValue(settings.tokensFile(), new TypeReference<Map<String, String>>() {
			});
			assertThat(tokens).containsOnlyKeys(Arrays.stream(DevRoles.values()).map(DevRoles::id).toList());
			var placed = send(HttpRequest.newBuilder(orderService.resolve("/api/v1/orders"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + tokens.get(DevRoles.PLATFORM.id()))
				.POST(HttpRequest.BodyPublishers.ofString(canonicalOrder("IT-" + UUID.randomUUID())))
				.build());
			assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
			var orderId = JSON.readTree(placed.body()).get("id").asString();

			var events = new KafkaTopics("localhost:" + kafkaPort).read("order.events",
					record -> orderId.equals(record.key()) && OrderPlaced.TYPE.equals(KafkaTopics.header(record, "ce_type")),
					1, Duration.ofSeconds(30));
			assertThat(events).singleElement()
				.satisfies(record -> assertThat(KafkaTopics.header(record, "ce_subject")).isEqualTo(orderId));

			// across services: the fulfillment reaches tracking-service, which follows the parcel
			var trackingNumber = "3SIT" + System.nanoTime();
			var shipped = send(HttpRequest.newBuilder(orderService.resolve("/api/v1/orders/" + orderId + "/fulfillments"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + tokens.get(DevRoles.PLATFORM.id()))
				.POST(HttpRequest.BodyPublishers.ofString("{\"carrier\": \"PostNL\", \"trackingNumber\": \""
						+ trackingNumber + "\"}"))
				.build());
			assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(201);
			// the order confirmation reached the captured inbox (notification-service over SMTP)
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + simulatorsPort + "/mail")).build()).body())
				.contains(orderId));
			new KafkaTopics("localhost:" + kafkaPort).read("shipment.events",
					record -> orderId.equals(record.key()) && "dev.postpurchase.shipment.registered.v1"
						.equals(KafkaTopics.header(record, "ce_type")), 1, Duration.ofSeconds(30));

			// the carrier takes the parcel out for delivery: the customer (SMS consent) gets a text at the
			// Twilio simulator, whose signed delivery receipt comes back as NotificationEngaged
			var trackingService = URI.create("http://localhost:" + environment.get("TRACKING_SERVICE_PORT"));
			var scanned = send(HttpRequest.newBuilder(trackingService.resolve("/api/v1/tracking-events"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + tokens.get(DevRoles.CARRIER.id()))
				.POST(HttpRequest.BodyPublishers.ofString("{\"carrier\": \"PostNL\", \"trackingNumber\": \""
						+ trackingNumber + "\", \"checkpointTime\": \"" + Instant.now() + "\", \"status\": "
						+ "\"OutForDelivery\", \"message\": \"Out for delivery\"}"))
				.build());
			assertThat(scanned.statusCode()).as(scanned.body()).isLessThan(300);
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + simulatorsPort + "/sms")).build()).body())
				.contains("/track/" + orderId));
			new KafkaTopics("localhost:" + kafkaPort).read("notification.events",
					record -> orderId.equals(record.key()) && "dev.postpurchase.notification.engaged.v1"
						.equals(KafkaTopics.header(record, "ce_type")) && record.value().contains("\"SMS\""), 1,
					Duration.ofSeconds(60));

			// returns: the parcel is delivered, the customer sends one mug back by mail (worth 14.50, under the
			// auto-approval limit of 150), the carrier brings it back, and the refund reaches the Stripe simulator
			var delivered = scan(trackingService, tokens.get(DevRoles.CARRIER.id()), "PostNL", trackingNumber, "Delivered");
			assertThat(delivered.statusCode()).as(delivered.body()).isLessThan(300);
			var returnsService = URI.create("http://localhost:" + environment.get("RETURNS_SERVICE_PORT"));
			var returnsAgent = tokens.get(DevRoles.RETURNS_AGENT.id());
			var started = new AtomicReference<HttpResponse<String>>();
			// returns-service learns of the delivery from shipment.events; until then the request is refused (422)
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				started.set(send(HttpRequest.newBuilder(returnsService.resolve("/api/v1/returns"))
					.header("Content-Type", "application/json")
					.header("Authorization", "Bearer " + returnsAgent)
					.POST(HttpRequest.BodyPublishers.ofString("{\"orderId\": \"" + orderId + "\", \"lines\": [{\"sku\": "
							+ "\"SKU-MUG\", \"quantity\": 1}], \"reason\": \"DOES_NOT_FIT\", \"outcome\": \"REFUND\", "
							+ "\"method\": \"MAIL_IN\"}"))
					.build()));
				return started.get().statusCode() != 422;
			});
			assertThat(started.get().statusCode()).as(started.get().body()).isEqualTo(201);
			var created = JSON.readTree(started.get().body());
			var returnId = created.get("id").asString();
			assertThat(created.get("state").asString()).isEqualTo("LABEL_ISSUED");
			var returnCarrier = created.get("label").get("carrier").asString();
			var returnTrackingNumber = created.get("label").get("trackingNumber").asString();
			// tracking-service follows the return parcel once it has read ReturnLabelIssued
			await().atMost(Duration.ofSeconds(30)).until(() -> send(HttpRequest
				.newBuilder(trackingService.resolve("/api/v1/shipments/" + returnTrackingNumber))
				.header("Authorization", "Bearer " + tokens.get(DevRoles.AGENT.id()))
				.build()).statusCode() == 200);
			for (var status : List.of("InTransit", "Delivered")) {
				var returnScan = scan(trackingService, tokens.get(DevRoles.CARRIER.id()), returnCarrier, returnTrackingNumber,
						status);
				assertThat(returnScan.statusCode()).as(returnScan.body()).isLessThan(300);
			}
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				var refunds = JSON.readTree(send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + simulatorsPort + "/payments")).build()).body());
				assertThat(refunds.values()).anySatisfy(refund -> {
					assertThat(refund.get("metadata").get("return_id").asString()).isEqualTo(returnId);
					assertThat(refund.get("payment_intent").asString()).isEqualTo(PAYMENT_INTENT);
					assertThat(refund.get("amount").asLong()).isEqualTo(1450);
				});
				var closed = JSON.readTree(send(HttpRequest.newBuilder(returnsService.resolve("/api/v1/returns/" + returnId))
					.header("Authorization", "Bearer " + returnsAgent)
					.build()).body());
				assertThat(closed.get("state").asString()).isEqualTo("CLOSED");
			});
		}
		finally {
			stack.stop();
		}

		// stop() waits for the services; the wait covers a JVM that is still being reaped
		await().atMost(Duration.ofSeconds(10)).until(() -> services.stream().noneMatch(ProcessHandle::isAlive));
		assertThat(isFree(orderServicePort)).as("order-service's port is free for the next start").isTrue();
	}

	private static boolean isFree(int port) {
		try (var probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** A carrier scan of a parcel, now, as a carrier posts it to tracking-service. */
	private HttpResponse<String> scan(URI trackingService, String carrierToken, String carrier, String trackingNumber,
			String status) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(trackingService.resolve("/api/v1/tracking-events"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + carrierToken)
			.POST(HttpRequest.BodyPublishers.ofString("{\"carrier\": \"" + carrier + "\", \"trackingNumber\": \""
					+ trackingNumber + "\", \"checkpointTime\": \"" + Instant.now() + "\", \"status\": \"" + status
					+ "\", \"message\": \"" + status + "\"}"))
			.build());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String canonicalOrder(String externalOrderId) {
		return """
				{"source": "integration-test", "externalOrderId": "%s", "salesChannel": "WEB",
				 "customer": {"customerId": "cus-it", "email": "anna@example.com", "phone": "+31612345678",
				              "name": "Anna de Vries", "locale": "nl-NL", "timeZone": "%s",
				              "consents": {"email": true, "sms": true, "whatsapp": false}},
				 "lines": [{"sku": "SKU-MUG", "name": "Stoneware mug", "quantity": 2,
				            "unitPrice": {"amount": 14.50, "currency": "EUR"}, "category": "home", "finalSale": false}],
				 "shippingAddress": {"name": "Anna de Vries", "line1": "Keizersgracht 1", "postalCode": "1015 CJ",
				                     "city": "Amsterdam", "country": "NL"},
				 "promise": {"by": "%s", "timeZone": "Europe/Amsterdam"},
				 "payment": {"provider": "stripe", "reference": "%s"}}
				""".formatted(externalOrderId, middayZone(), Instant.now().plus(Duration.ofDays(3)), PAYMENT_INTENT);
	}

	/** A time zone where it is about midday now, so texts are never held by quiet hours, whenever the test runs. */
	static String middayZone() {
		int offset = 13 - Instant.now().atZone(ZoneOffset.UTC).getHour();
		offset = offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset;
		// Etc/GMT ids count the other way round: Etc/GMT-5 is five hours ahead of UTC
		return offset == 0 ? "Etc/UTC" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
	}
}
