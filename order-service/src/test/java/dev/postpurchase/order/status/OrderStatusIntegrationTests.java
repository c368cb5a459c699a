package dev.postpurchase.order.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
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
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestClients;
import dev.postpurchase.order.TestOrders;
import dev.postpurchase.testkit.KafkaTopics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The status projection, fed with the contract's golden samples as the other services will publish
 * them, answers the agent's question through GET /api/v1/orders/{id}/status.
 */
@OrderServiceIntegrationTest
class OrderStatusIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	WebTestClient web;

	@Autowired
	void client(WebTestClient client) {
		this.web = TestClients.backOffice(client);
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

	/** Publishes a golden sample about {@code orderId}, with a new event id unless one is given. */
	private String publish(Class<?> type, String orderId, String eventId) {
		var json = (ObjectNode) EventJson.mapper().readTree(GoldenSamples.json(type));
		var id = eventId != null ? eventId : UUID.randomUUID().toString();
		json.put("orderId", orderId);
		json.put("eventId", id);
		var messageType = EventCatalog.of(type);
		topics.send(messageType.topic(), orderId, json.toString(), Map.of("ce_type", messageType.id(), "ce_id", id,
				"ce_specversion", "1.0", "ce_source", "test", "ce_subject", orderId));
		return id;
	}

}
