package dev.postpurchase.order.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventCatalog;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnApproved;
import dev.postpurchase.contracts.returns.ReturnRequested;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestClients;
import dev.postpurchase.order.TestOrders;
import dev.postpurchase.testkit.KafkaTopics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The status projection, fed with the contract's golden samples as the other services will publish
 * them, answers the agent's question through GET /api/v1/orders/{id}/status, and the customer's
 * through the tracking link's GET /api/v1/customer/orders/{id}.
 */
@OrderServiceIntegrationTest
class OrderStatusIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	WebTestClient web;

	/** A customer's browser: no bearer token, only the link's. */
	WebTestClient browser;

	@Autowired
	CustomerLinks links;

	@Autowired
	void client(WebTestClient client) {
		this.web = TestClients.backOffice(client);
		this.browser = client;
	}

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void reflectsShipmentExceptionReturnAndNotificationEvents() {
		var orderId = web.post().uri("/api/v1/orders").bodyValue(TestOrders.order()).exchange()
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();

		publish(ShipmentRegistered.class, orderId, null);
		publish(ShipmentStatusChanged.class, orderId, null);
		publish(DeliveryExceptionRaised.class, orderId, null);
		publish(ReturnRequested.class, orderId, null);
		publish(ReturnApproved.class, orderId, null);
		var sent = publish(NotificationSent.class, orderId, null);
		// redelivered: must not show twice
		publish(NotificationSent.class, orderId, sent);
		publish(NotificationSuppressed.class, orderId, null);

		var raised = GoldenSamples.load(DeliveryExceptionRaised.class);
		var changed = GoldenSamples.load(ShipmentStatusChanged.class);
		var approved = GoldenSamples.load(ReturnApproved.class);
		await().atMost(TIMEOUT).untilAsserted(() -> web.get().uri("/api/v1/orders/{id}/status", orderId).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.orderId").isEqualTo(orderId)
			.jsonPath("$.status").isEqualTo("PLACED")
			.jsonPath("$.latestShipment.shipmentId").isEqualTo(changed.shipmentId())
			.jsonPath("$.latestShipment.status").isEqualTo("Exception")
			.jsonPath("$.latestShipment.promiseState").isEqualTo("LATE")
			.jsonPath("$.latestShipment.lastCheckpoint.location.city").isEqualTo(changed.checkpoint().location().city())
			.jsonPath("$.latestShipment.estimatedDelivery").isEqualTo(changed.estimatedDelivery().toString())
			.jsonPath("$.openExceptions.length()").isEqualTo(1)
			.jsonPath("$.openExceptions[0].exceptionId").isEqualTo(raised.exceptionId())
			.jsonPath("$.openExceptions[0].reason").isEqualTo(raised.reason().name())
			.jsonPath("$.returns[0].state").isEqualTo("APPROVED")
			.jsonPath("$.returns[0].returnTrackingNumber").isEqualTo(approved.label().trackingNumber())
			.jsonPath("$.lastNotifications.length()").isEqualTo(2)
			.jsonPath("$.lastNotifications[0].outcome").isEqualTo("SUPPRESSED")
			.jsonPath("$.lastNotifications[1].outcome").isEqualTo("SENT")
			.jsonPath("$.lastNotifications[1].channel").isEqualTo("EMAIL"));

		publish(DeliveryExceptionResolved.class, orderId, null);
		publish(RefundIssued.class, orderId, null);
		await().atMost(TIMEOUT).untilAsserted(() -> web.get().uri("/api/v1/orders/{id}/status", orderId).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.openExceptions.length()").isEqualTo(0)
			.jsonPath("$.resolvedExceptions[0].exceptionId").isEqualTo(raised.exceptionId())
			.jsonPath("$.returns[0].state").isEqualTo("REFUNDED")
			.jsonPath("$.returns[0].refunded.amount").isEqualTo(GoldenSamples.load(RefundIssued.class).amount().amount().doubleValue())
			.jsonPath("$.lastNotifications.length()").isEqualTo(2));
	}

	@Test
	void anOrderWithoutEventsHasAnEmptyStatus() {
		var orderId = web.post().uri("/api/v1/orders").bodyValue(TestOrders.order()).exchange()
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
		web.get().uri("/api/v1/orders/{id}/status", orderId).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.latestShipment").doesNotExist()
			.jsonPath("$.shipments.length()").isEqualTo(0)
			.jsonPath("$.openExceptions.length()").isEqualTo(0);
	}

	@Test
	void theCustomerViewShowsEachParcelsTimelineInTimeOrderOnceEachWithoutPersonalData() {
		var order = TestOrders.order();
		var orderId = place(order);
		var golden = GoldenSamples.load(ShipmentStatusChanged.class);
		var parcel = golden.trackingNumber();

		publish(ShipmentRegistered.class, orderId, null);
		// the carrier's scans reach the view in another order than they happened, and some twice
		var exception = publish(ShipmentStatusChanged.class, orderId, null); // 2026-05-13T05:40:00Z, Nieuwegein
		publish(ShipmentStatusChanged.class, scan(orderId, "InfoReceived", "2026-05-12T09:10:00Z", "Almere", "Zending is aangemeld"));
		publish(ShipmentStatusChanged.class, scan(orderId, "Delivered", "2026-05-14T11:22:00Z", "Nieuwegein", "Zending is bezorgd"));
		publish(ShipmentStatusChanged.class, orderId, exception); // redelivered
		publish(ShipmentStatusChanged.class, scan(orderId, "InTransit", "2026-05-12T18:02:00Z", "Utrecht", "Zending is gesorteerd"));
		// the same scan again, in another event and with a corrected text: still one checkpoint
		publish(ShipmentStatusChanged.class, scan(orderId, "InfoReceived", "2026-05-12T09:10:00Z", "Almere", "Zending is digitaal aangemeld"));
		publish(ShipmentStatusChanged.class, scan(orderId, "OutForDelivery", "2026-05-14T07:55:00Z", "Nieuwegein", "Bezorger is onderweg"));
		publish(ShipmentDelivered.class, orderId, null);
		// the return parcel
		var returnParcel = "JVGL0577103399260815";
		var registered = golden(ShipmentRegistered.class, orderId);
		registered.put("shipmentId", "shp_RETURN1").put("trackingNumber", returnParcel).put("carrier", "dhl")
			.put("direction", "RETURN").put("returnId", "ret_4M9C2T6WXK").remove("promise");
		publish(ShipmentRegistered.class, registered);
		var returning = scan(orderId, "InTransit", "2026-05-20T10:00:00Z", "Duisburg", "In transit");
		returning.put("shipmentId", "shp_RETURN1").put("trackingNumber", returnParcel).put("carrier", "dhl")
			.put("direction", "RETURN").put("returnId", "ret_4M9C2T6WXK").putNull("promiseState");
		((ObjectNode) returning.get("checkpoint").get("location")).put("country", "DE");
		publish(ShipmentStatusChanged.class, returning);
		publish(DeliveryExceptionRaised.class, orderId, null);
		publish(ReturnRequested.class, orderId, null);
		publish(ReturnApproved.class, orderId, null);

		var raised = GoldenSamples.load(DeliveryExceptionRaised.class);
		var token = links.issue(orderId, LinkPurpose.TRACKING);
		await().atMost(TIMEOUT).untilAsserted(() -> {
			var body = browser.get().uri("/api/v1/customer/orders/{id}?token={t}", orderId, token).exchange()
				.expectStatus().isOk()
				.expectBody(String.class).returnResult().getResponseBody();
			var view = EventJson.mapper().readTree(body);
			// tokens for the return request and the preferences of this order, and of no other
			links.authorize(view.get("links").get("returnToken").asString(), LinkPurpose.RETURN, orderId);
			links.authorize(view.get("links").get("preferencesToken").asString(), LinkPurpose.PREFERENCES, orderId);
			var outbound = parcel(view, parcel);
			assertThat(outbound.get("direction").asString()).isEqualTo("OUTBOUND");
			assertThat(outbound.get("status").asString()).isEqualTo("Delivered");
			assertThat(outbound.get("deliveredAt").asString()).isEqualTo("2026-05-14T11:22:00Z");
			// newest first, each scan once
			assertThat(timeline(outbound)).containsExactly("2026-05-14T11:22:00Z Delivered Nieuwegein",
					"2026-05-14T07:55:00Z OutForDelivery Nieuwegein", "2026-05-13T05:40:00Z Exception Nieuwegein",
					"2026-05-12T18:02:00Z InTransit Utrecht", "2026-05-12T09:10:00Z InfoReceived Almere");
			var delayed = outbound.get("checkpoints").get(2);
			assertThat(delayed.get("subStatus").asString()).isEqualTo("Exception_005");
			assertThat(delayed.get("reason").asString()).isEqualTo("CARRIER_DELAY");
			assertThat(delayed.get("message").asString()).isEqualTo(golden.checkpoint().message());
			assertThat(delayed.get("location").get("country").asString()).isEqualTo("NL");
			assertThat(delayed.get("location").get("timeZone").asString()).isEqualTo("Europe/Amsterdam");
			assertThat(outbound.get("checkpoints").get(4).get("message").asString())
				.as("the first text of a scan seen twice").isEqualTo("Zending is aangemeld");
			var back = parcel(view, returnParcel);
			assertThat(back.get("direction").asString()).isEqualTo("RETURN");
			assertThat(timeline(back)).containsExactly("2026-05-20T10:00:00Z InTransit Duisburg");

			assertThat(view.get("locale").asString()).isEqualTo("nl-NL");
			assertThat(view.get("timeZone").asString()).isEqualTo("Europe/Amsterdam");
			assertThat(view.get("promise").get("by").asString()).isEqualTo(order.promise().by().toString());
			assertThat(view.get("openIssues")).hasSize(1);
			var issue = view.get("openIssues").get(0);
			assertThat(issue.get("kind").asString()).isEqualTo(raised.kind().name());
			assertThat(issue.get("reason").asString()).isEqualTo(raised.reason().name());
			assertThat(issue.get("newEstimate").asString()).isEqualTo(raised.newEstimate().toString());
			assertThat(issue.get("raisedAt").asString()).isEqualTo(raised.occurredAt().toString());
			assertThat(issue.get("trackingNumber").asString()).isEqualTo(parcel);
			assertThat(view.get("returns")).hasSize(1);
			var ret = view.get("returns").get(0);
			assertThat(ret.get("state").asString()).isEqualTo("APPROVED");
			assertThat(ret.get("method").asString()).isEqualTo("MAIL_IN");
			assertThat(ret.get("outcome").asString()).isEqualTo("REFUND");
			assertThat(ret.get("trackingNumber").asString()).isEqualTo(returnParcel);

			// nothing that identifies the customer, nor the agents' free text
			var customer = order.customer();
			var address = order.shippingAddress();
			assertThat(body).doesNotContain(customer.customerId(), customer.email(), customer.phone(),
					customer.name(), "Anna", address.line1(), address.postalCode(),
					golden.checkpoint().location().postalCode(), raised.detail());
			assertThat(fieldNames(view)).doesNotContain("customerId", "customer", "email", "phone",
					"shippingAddress", "address", "postalCode", "detail");
		});
	}

	@Test
	void aParcelKeepsItsLatestFiftyCheckpoints() {
		var orderId = place(TestOrders.order());
		var first = Instant.parse("2026-05-01T00:00:00Z");
		var scans = new ArrayList<Integer>();
		for (int hour = 0; hour < 54; hour++) {
			scans.add(hour);
		}
		Collections.shuffle(scans, new Random(7));
		scans.add(54); // the newest last: when it shows, every older one was applied
		for (int hour : scans) {
			publish(ShipmentStatusChanged.class, scan(orderId, "InTransit", first.plus(Duration.ofHours(hour)).toString(), "Hub " + hour, "Sorted"));
		}

		var expected = new ArrayList<String>();
		for (int hour = 54; hour >= 5; hour--) {
			expected.add(first.plus(Duration.ofHours(hour)) + " InTransit Hub " + hour);
		}
		var token = links.issue(orderId, LinkPurpose.TRACKING);
		await().atMost(TIMEOUT).untilAsserted(() -> {
			var view = browser.get().uri("/api/v1/customer/orders/{id}?token={t}", orderId, token).exchange()
				.expectStatus().isOk()
				.expectBody(JsonNode.class).returnResult().getResponseBody();
			assertThat(timeline(parcel(view, GoldenSamples.load(ShipmentStatusChanged.class).trackingNumber())))
				.containsExactlyElementsOf(expected);
		});
	}

	private String place(Object order) {
		return web.post().uri("/api/v1/orders").bodyValue(order).exchange()
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
	}

	/** The golden status change of the golden parcel, now decided by the given scan. */
	private static ObjectNode scan(String orderId, String status, String at, String city, String message) {
		var json = golden(ShipmentStatusChanged.class, orderId);
		json.put("status", status);
		var checkpoint = (ObjectNode) json.get("checkpoint");
		checkpoint.put("occurredAt", at).put("status", status).put("subStatus", status + "_001").put("message", message);
		checkpoint.remove("reason");
		((ObjectNode) checkpoint.get("location")).put("city", city);
		return json;
	}

	private static JsonNode parcel(JsonNode view, String trackingNumber) {
		for (var parcel : view.get("parcels")) {
			if (trackingNumber.equals(parcel.get("trackingNumber").asString())) {
				return parcel;
			}
		}
		throw new AssertionError("No parcel " + trackingNumber + " in " + view);
	}

	/** A parcel's checkpoints as "time status city", in the order the view gives them. */
	private static List<String> timeline(JsonNode parcel) {
		var lines = new ArrayList<String>();
		for (var checkpoint : parcel.get("checkpoints")) {
			lines.add(checkpoint.get("occurredAt").asString() + " " + checkpoint.get("status").asString() + " "
					+ checkpoint.get("location").get("city").asString());
		}
		return lines;
	}

	/** Every field name anywhere in a JSON tree. */
	private static Set<String> fieldNames(JsonNode node) {
		var names = new HashSet<String>();
		if (node.isObject()) {
			for (var name : node.propertyNames()) {
				names.add(name);
				names.addAll(fieldNames(node.get(name)));
			}
		}
		else if (node.isArray()) {
			for (var element : node) {
				names.addAll(fieldNames(element));
			}
		}
		return names;
	}

	/** A golden sample about {@code orderId}, with a new event id. */
	private static ObjectNode golden(Class<?> type, String orderId) {
		var json = (ObjectNode) EventJson.mapper().readTree(GoldenSamples.json(type));
		json.put("orderId", orderId);
		json.put("eventId", UUID.randomUUID().toString());
		return json;
	}

	/** Publishes a golden sample about {@code orderId}, with a new event id unless one is given. */
	private String publish(Class<?> type, String orderId, String eventId) {
		var json = golden(type, orderId);
		if (eventId != null) {
			json.put("eventId", eventId);
		}
		return publish(type, json);
	}

	/** Publishes an event of {@code type} given as JSON, as its producer would: on its topic, keyed by order. */
	private String publish(Class<?> type, ObjectNode json) {
		var orderId = json.get("orderId").asString();
		var id = json.get("eventId").asString();
		var messageType = EventCatalog.of(type);
		topics.send(messageType.topic(), orderId, json.toString(), Map.of("ce_type", messageType.id(), "ce_id", id,
				"ce_specversion", "1.0", "ce_source", "test", "ce_subject", orderId));
		return id;
	}

}
