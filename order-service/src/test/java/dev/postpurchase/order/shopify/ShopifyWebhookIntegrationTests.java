package dev.postpurchase.order.shopify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.order.OrderConfirmed;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.contracts.order.SupportContactLogged;
import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestClients;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.testkit.KafkaTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.node.ObjectNode;

import static dev.postpurchase.order.shopify.ShopifyPayloads.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /webhooks/shopify}: signatures (and a secret rotation), redeliveries, placing orders,
 * bad payloads.
 */
@OrderServiceIntegrationTest
class ShopifyWebhookIntegrationTests {

	/** For the REST API: a back-office caller's token. Webhooks go without one, as Shopify sends them. */
	WebTestClient web;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ShopifySettings settings;

	@Autowired
	ShopifyIndexes indexes;

	@Autowired
	ReactiveMongoTemplate mongo;

	ShopifyDeliveries shopify;

	OrderEvents events;

	@Autowired
	void setUp(WebTestClient client) {
		this.web = TestClients.backOffice(client);
		this.shopify = new ShopifyDeliveries(client);
		this.events = new OrderEvents(this.web);
	}

	@Test
	void signedOrdersCreatePlacesTheOrderAndPublishesOrderPlaced() {
		var shopifyId = ShopifyPayloads.newOrderId();
		var id = OrderId.of("shopify", String.valueOf(shopifyId)).value();

		shopify.send("orders/create", ShopifyPayloads.order(shopifyId))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("applied");

		web.get().uri("/api/v1/orders/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.source").isEqualTo("shopify")
			.jsonPath("$.externalOrderId").isEqualTo(String.valueOf(shopifyId))
			.jsonPath("$.status").isEqualTo("PLACED")
			.jsonPath("$.salesChannel").isEqualTo("WEB")
			.jsonPath("$.customerId").isEqualTo("shopify-7211234567890")
			.jsonPath("$.lines.length()").isEqualTo(2)
			.jsonPath("$.total.amount").isEqualTo(49.40)
			.jsonPath("$.total.currency").isEqualTo("EUR")
			.jsonPath("$.promise.by").isNotEmpty();

		var record = events.await(id, OrderPlaced.TYPE);
		var placed = EventJson.mapper().readValue(record.value(), OrderPlaced.class);
		assertThat(KafkaTopics.header(record, "ce_id")).isEqualTo(placed.eventId().toString());
		assertThat(KafkaTopics.header(record, "ce_source")).isEqualTo("order-service");
		assertThat(KafkaTopics.header(record, "ce_subject")).isEqualTo(id);
		assertThat(KafkaTopics.header(record, "ce_specversion")).isEqualTo("1.0");
		assertThat(placed.source()).isEqualTo("shopify");
		assertThat(placed.salesChannel()).isEqualTo(SalesChannel.WEB);
		assertThat(placed.customer().locale()).isEqualTo("nl-NL");
		assertThat(placed.customer().consents().email()).isTrue();
		assertThat(placed.customer().consents().sms()).isTrue();
		assertThat(placed.customer().consents().whatsapp()).isFalse();
		assertThat(events.typesOfAfterMarker(id)).containsExactly(OrderPlaced.TYPE, SupportContactLogged.TYPE);
	}

	@Test
	void aRedeliveryAndTheSameOrderAgainPlaceItOnce() {
		var shopifyId = ShopifyPayloads.newOrderId();
		var id = OrderId.of("shopify", String.valueOf(shopifyId)).value();
		var webhookId = ShopifyDeliveries.newWebhookId();

		shopify.send("orders/create", webhookId, ShopifyPayloads.order(shopifyId))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("applied");
		shopify.send("orders/create", webhookId, ShopifyPayloads.order(shopifyId))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("duplicate");
		// the same order in another delivery (a second subscription, a replay from the admin)
		shopify.send("orders/create", ShopifyPayloads.order(shopifyId))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("applied");

		web.get().uri("/api/v1/orders/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("PLACED");
		events.await(id, OrderPlaced.TYPE);
		assertThat(events.typesOfAfterMarker(id)).containsExactly(OrderPlaced.TYPE, SupportContactLogged.TYPE);
	}

	@Test
	void badMissingOrMismatchedSignaturesAreRefusedWith401AndCounted() {
		var shopifyId = ShopifyPayloads.newOrderId();
		var id = OrderId.of("shopify", String.valueOf(shopifyId)).value();
		var body = ShopifyPayloads.bytes(ShopifyPayloads.order(shopifyId));
		var otherBody = ShopifyPayloads.bytes(ShopifyPayloads.order(ShopifyPayloads.newOrderId()));
		var failures = meters.counter("webhook.signature.failures", "source", "shopify");
		var before = failures.count();

		unauthorized(shopify.send("orders/create", ShopifyDeliveries.newWebhookId(), body,
				HmacSignatures.signBase64("not-the-secret", body)));
		unauthorized(shopify.send("orders/create", ShopifyDeliveries.newWebhookId(), body, null));
		unauthorized(shopify.send("orders/create", ShopifyDeliveries.newWebhookId(), body,
				HmacSignatures.signBase64(ShopifyDeliveries.SECRET, otherBody)));
		unauthorized(shopify.send("orders/create", ShopifyDeliveries.newWebhookId(), body, "definitely not base64!"));

		assertThat(failures.count() - before).isEqualTo(4);
		web.get().uri("/api/v1/orders/{id}", id).exchange().expectStatus().isNotFound();
		assertThat(events.of(id)).isEmpty();
		// a refused delivery is not remembered: Shopify's correctly signed retry still goes through
		shopify.send("orders/create", ShopifyPayloads.order(shopifyId)).expectStatus().isOk();
		events.await(id, OrderPlaced.TYPE);
	}

	@Test
	void duringARotationAWebhookSignedWithThePreviousSecretIsAccepted() {
		assertThat(settings.previousWebhookSecret())
			.as("OrderServiceIntegrationTest must set orders.shopify.previous-webhook-secret=%s",
					ShopifyDeliveries.PREVIOUS_SECRET)
			.isEqualTo(ShopifyDeliveries.PREVIOUS_SECRET);
		var shopifyId = ShopifyPayloads.newOrderId();
		var id = OrderId.of("shopify", String.valueOf(shopifyId)).value();
		var failures = meters.counter("webhook.signature.failures", "source", "shopify");
		var before = failures.count();

		shopify.sendSignedWith(ShopifyDeliveries.PREVIOUS_SECRET, "orders/create", ShopifyDeliveries.newWebhookId(),
				ShopifyPayloads.order(shopifyId))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("applied");
		// a secret rotated out before (no longer configured) is refused
		unauthorized(shopify.sendSignedWith("test-retired-secret", "orders/updated", ShopifyDeliveries.newWebhookId(),
				with(ShopifyPayloads.order(shopifyId), order -> order.put("financial_status", "paid"))));

		assertThat(failures.count() - before).isEqualTo(1);
		web.get().uri("/api/v1/orders/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("PLACED");
		events.await(id, OrderPlaced.TYPE);
	}

	@Test
	void deliveriesRememberedBeforeTheServiceKitStoreAreStillRecognized() {
		var webhookId = ShopifyDeliveries.newWebhookId();
		var shopifyId = ShopifyPayloads.newOrderId();
		mongo.insert(new Document("_id", webhookId).append("topic", "orders/create")
			.append("receivedAt", Date.from(Instant.now().minusSeconds(60)))
			.append("_class", "dev.postpurchase.order.shopify.SeenWebhook"), ShopifyIndexes.LEGACY_DELIVERIES)
			.block(Duration.ofSeconds(10));

		indexes.moveLegacyDeliveries().block(Duration.ofSeconds(10));

		shopify.send("orders/create", webhookId, ShopifyPayloads.order(shopifyId))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("duplicate");
		assertThat(mongo.collectionExists(ShopifyIndexes.LEGACY_DELIVERIES).block(Duration.ofSeconds(10))).isFalse();
		web.get().uri("/api/v1/orders/{id}", OrderId.of("shopify", String.valueOf(shopifyId)).value()).exchange()
			.expectStatus().isNotFound();
	}

	@Test
	void aLineItemWithoutPriceIsABadRequestNamingTheField() {
		var shopifyId = ShopifyPayloads.newOrderId();
		var payload = with(ShopifyPayloads.order(shopifyId),
				order -> ((ObjectNode) order.get("line_items").get(1)).remove("price"));

		shopify.send("orders/create", payload)
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("line_items[1].price: required"))
			.jsonPath("$.errors[0]").isEqualTo("line_items[1].price: required");

		web.get().uri("/api/v1/orders/{id}", OrderId.of("shopify", String.valueOf(shopifyId)).value()).exchange()
			.expectStatus().isNotFound();
	}

	@Test
	void malformedJsonIsABadRequestAndNoServerError() {
		var body = "{\"id\": 1, \"line_items\": [".getBytes(StandardCharsets.UTF_8);

		shopify.send("orders/create", ShopifyDeliveries.newWebhookId(), body,
				HmacSignatures.signBase64(ShopifyDeliveries.SECRET, body))
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("Malformed JSON"));
		var fulfillmentWithoutOrder = ShopifyPayloads.bytes(with(ShopifyPayloads.fulfillment(1L, 2L),
				fulfillment -> fulfillment.remove("order_id")));
		shopify.send("fulfillments/create", ShopifyDeliveries.newWebhookId(), fulfillmentWithoutOrder,
				HmacSignatures.signBase64(ShopifyDeliveries.SECRET, fulfillmentWithoutOrder))
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.errors[0]").isEqualTo("order_id: required");
	}

	@Test
	void otherTopicsAreAcknowledgedIgnoredAndCounted() {
		// found, not registered: the service registers it, with its description, on the first delivery
		var other = meters.find("shopify.webhooks.received").tag("topic", "other");
		var before = other.counters().stream().mapToDouble(Counter::count).sum();

		shopify.send("products/update", ShopifyPayloads.fixture("orders-create.json"))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("ignored");

		assertThat(other.counters().stream().mapToDouble(Counter::count).sum() - before).isEqualTo(1);
	}

	@Test
	void aPaidOrderIsConfirmed() {
		var shopifyId = ShopifyPayloads.newOrderId();
		var id = OrderId.of("shopify", String.valueOf(shopifyId)).value();
		shopify.send("orders/create", ShopifyPayloads.order(shopifyId)).expectStatus().isOk();

		shopify.send("orders/updated", with(ShopifyPayloads.order(shopifyId), o -> o.put("financial_status", "paid")))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("applied");

		web.get().uri("/api/v1/orders/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
		events.await(id, OrderConfirmed.TYPE);
		assertThat(events.typesOf(id)).containsExactly(OrderPlaced.TYPE, OrderConfirmed.TYPE);
	}

	private static void unauthorized(WebTestClient.ResponseSpec response) {
		response.expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.status").isEqualTo(401);
	}

}
