package dev.postpurchase.order.shopify;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.order.OrderCancelled;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.OrderShipped;
import dev.postpurchase.contracts.order.ShippedLine;
import dev.postpurchase.contracts.order.SupportContactLogged;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestClients;
import dev.postpurchase.order.TestOrders;
import dev.postpurchase.order.orders.OrderId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import static dev.postpurchase.order.shopify.ShopifyPayloads.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders through their Shopify lifecycle: updates, cancellations, fulfillments, and webhooks that
 * arrive before their order.
 */
@OrderServiceIntegrationTest
class ShopifyOrderLifecycleIntegrationTests {

	/** For the REST API: a back-office caller's token. Webhooks go without one, as Shopify sends them. */
	WebTestClient web;

	@Autowired
	MeterRegistry meters;

	@Autowired
	ParkedWebhookSweep sweep;

	ShopifyDeliveries shopify;

	OrderEvents events;

	@Autowired
	void setUp(WebTestClient client) {
		this.web = TestClients.backOffice(client);
		this.shopify = new ShopifyDeliveries(client);
		this.events = new OrderEvents(this.web);
	}

	@Test
	void anUpdateBeforeItsCreatePlacesTheOrderOnce() {
		var shopifyId = ShopifyPayloads.newOrderId();
		var id = idOf(shopifyId);

		shopify.send("orders/updated", ShopifyPayloads.order(shopifyId))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("applied");
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
	void aFulfillmentBeforeItsOrderIsParkedAndShipsWhenTheOrderArrives() {
		var shopifyId = ShopifyPayloads.newOrderId();
		var id = idOf(shopifyId);

		shopify.send("fulfillments/create", ShopifyPayloads.fulfillment(shopifyId, ShopifyPayloads.newOrderId()))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("parked");
		web.get().uri("/api/v1/orders/{id}", id).exchange().expectStatus().isNotFound();

		shopify.send("orders/create", ShopifyPayloads.order(shopifyId))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("applied");

		var shipped = EventJson.mapper().readValue(events.await(id, OrderShipped.TYPE).value(), OrderShipped.class);
		assertThat(shipped.carrier()).isEqualTo("dhl-express");
		assertThat(shipped.trackingNumber()).isEqualTo("JD014600006281830000");
		assertThat(shipped.lines()).containsExactly(new ShippedLine("TSHIRT-M-BLK", 2),
				new ShippedLine("44811234567002", 1));
		assertThat(shipped.promise()).isNotNull();
		assertThat(events.typesOf(id)).containsExactly(OrderPlaced.TYPE, OrderShipped.TYPE);
		web.get().uri("/api/v1/orders/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("SHIPPED");
	}

	@Test
	void aCancellationBeforeItsOrderIsParkedAndAppliedWhenTheOrderArrives() {
		var shopifyId = ShopifyPayloads.newOrderId();
		var id = idOf(shopifyId);

		shopify.send("orders/cancelled", ShopifyPayloads.cancelledOrder(shopifyId))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("parked");
		shopify.send("orders/create", ShopifyPayloads.order(shopifyId)).expectStatus().isOk();

		var cancelled = EventJson.mapper().readValue(events.await(id, OrderCancelled.TYPE).value(),
				OrderCancelled.class);
		assertThat(cancelled.reason()).isEqualTo(OrderCancelled.CancelReason.CUSTOMER);
		assertThat(events.typesOf(id)).containsExactly(OrderPlaced.TYPE, OrderCancelled.TYPE);
	}

	@Test
	void theSweepReplaysWebhooksParkedForAnOrderPlacedAnotherWay() {
		var shopifyId = ShopifyPayloads.newOrderId();
		var id = idOf(shopifyId);
		// the canonical order has other skus than the fixture: ship whatever is left
		shopify.send("fulfillments/create", with(ShopifyPayloads.fulfillment(shopifyId, ShopifyPayloads.newOrderId()),
				fulfillment -> fulfillment.putArray("line_items")))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("parked");
		web.post().uri("/api/v1/orders")
			.bodyValue(TestOrders.order("shopify", String.valueOf(shopifyId), "shopify-1"))
			.exchange()
			.expectStatus().isCreated();

		sweep.sweepOnce().block(Duration.ofSeconds(30));

		var shipped = EventJson.mapper().readValue(events.await(id, OrderShipped.TYPE).value(), OrderShipped.class);
		assertThat(shipped.carrier()).isEqualTo("dhl-express");
		assertThat(shipped.lines()).extracting(ShippedLine::sku).containsExactlyInAnyOrder("SKU-TSHIRT-M", "SKU-MUG");
		// replayed once: the next sweep finds nothing left for this order
		sweep.sweepOnce().block(Duration.ofSeconds(30));
		assertThat(events.typesOfAfterMarker(id)).containsExactly(OrderPlaced.TYPE, OrderShipped.TYPE,
				SupportContactLogged.TYPE);
	}

	@Test
	void orderCancelledPublishesOrderCancelledWithShopifysReason() {
		var shopifyId = ShopifyPayloads.newOrderId();
		var id = idOf(shopifyId);
		shopify.send("orders/create", ShopifyPayloads.order(shopifyId)).expectStatus().isOk();

		shopify.send("orders/cancelled",
				with(ShopifyPayloads.cancelledOrder(shopifyId), order -> order.put("cancel_reason", "inventory")))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("applied");

		var cancelled = EventJson.mapper().readValue(events.await(id, OrderCancelled.TYPE).value(),
				OrderCancelled.class);
		assertThat(cancelled.reason()).isEqualTo(OrderCancelled.CancelReason.INVENTORY);
		web.get().uri("/api/v1/orders/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
	}

	@Test
	void aFulfillmentShipsOnceItHasTrackingAndItsUpdatesShipNothingMore() {
		var shopifyId = ShopifyPayloads.newOrderId();
		var fulfillmentId = ShopifyPayloads.newOrderId();
		var id = idOf(shopifyId);
		shopify.send("orders/create", ShopifyPayloads.order(shopifyId)).expectStatus().isOk();

		shopify.send("fulfillments/create", with(ShopifyPayloads.fulfillment(shopifyId, fulfillmentId), f -> {
			f.putNull("tracking_company");
			f.putNull("tracking_number");
			f.putArray("tracking_numbers");
		})).expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("nothing_to_do");
		shopify.send("fulfillments/update", with(ShopifyPayloads.fulfillment(shopifyId, fulfillmentId),
				f -> f.put("tracking_company", "PostNL")))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("applied");
		// Shopify reports the same fulfillment again, for example when its shipment status changes
		shopify.send("fulfillments/update", with(ShopifyPayloads.fulfillment(shopifyId, fulfillmentId), f -> {
			f.put("tracking_company", "PostNL");
			f.put("shipment_status", "in_transit");
		})).expectStatus().isOk().expectBody().jsonPath("$.outcome").isEqualTo("applied");

		var shipped = EventJson.mapper().readValue(events.await(id, OrderShipped.TYPE).value(), OrderShipped.class);
		assertThat(shipped.carrier()).isEqualTo("postnl");
		assertThat(events.typesOfAfterMarker(id)).containsExactly(OrderPlaced.TYPE, OrderShipped.TYPE,
				SupportContactLogged.TYPE);
		web.get().uri("/api/v1/orders/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.fulfillments.length()").isEqualTo(1);
	}

	@Test
	void aFulfillmentTheOrderRefusesIsAcknowledgedLoggedAndCounted() {
		var shopifyId = ShopifyPayloads.newOrderId();
		var id = idOf(shopifyId);
		shopify.send("orders/create", ShopifyPayloads.order(shopifyId)).expectStatus().isOk();
		shopify.send("orders/cancelled", ShopifyPayloads.cancelledOrder(shopifyId)).expectStatus().isOk();
		// found, not registered: the service registers it, with its description, on the first rejection
		var rejected = meters.find("shopify.webhooks.rejected").tag("topic", "fulfillments/create");
		var before = rejected.counters().stream().mapToDouble(Counter::count).sum();

		shopify.send("fulfillments/create", ShopifyPayloads.fulfillment(shopifyId, ShopifyPayloads.newOrderId()))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("rejected");

		assertThat(rejected.counters().stream().mapToDouble(Counter::count).sum() - before).isEqualTo(1);
		events.await(id, OrderCancelled.TYPE);
		assertThat(events.typesOfAfterMarker(id)).containsExactly(OrderPlaced.TYPE, OrderCancelled.TYPE,
				SupportContactLogged.TYPE);
	}

	@Test
	void cancelledOrFailedFulfillmentsShipNothing() {
		var shopifyId = ShopifyPayloads.newOrderId();
		shopify.send("orders/create", ShopifyPayloads.order(shopifyId)).expectStatus().isOk();

		for (var status : List.of("cancelled", "failure", "error")) {
			shopify.send("fulfillments/update", with(ShopifyPayloads.fulfillment(shopifyId, ShopifyPayloads.newOrderId()),
					f -> f.put("status", status)))
				.expectStatus().isOk()
				.expectBody().jsonPath("$.outcome").isEqualTo("nothing_to_do");
		}

		web.get().uri("/api/v1/orders/{id}", idOf(shopifyId)).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.fulfillments.length()").isEqualTo(0);
	}

	private static String idOf(long shopifyOrderId) {
		return OrderId.of("shopify", String.valueOf(shopifyOrderId)).value();
	}

}
