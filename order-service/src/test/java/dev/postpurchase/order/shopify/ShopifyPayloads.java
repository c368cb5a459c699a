package dev.postpurchase.order.shopify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.springframework.core.io.ClassPathResource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payload fixtures of {@code src/test/resources/shopify/}, shaped like Shopify's documented
 * webhook payloads, with the ids a test needs so tests sharing Kafka and MongoDB never collide.
 */
final class ShopifyPayloads {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private ShopifyPayloads() {
	}

	/** A Shopify-like order id no other test uses. */
	static long newOrderId() {
		return ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_000_000_000_000L);
	}

	static ObjectNode order(long orderId) {
		var order = fixture("orders-create.json");
		order.put("id", orderId);
		order.put("admin_graphql_api_id", "gid://shopify/Order/" + orderId);
		return order;
	}

	static ObjectNode cancelledOrder(long orderId) {
		var order = fixture("orders-cancelled.json");
		order.put("id", orderId);
		order.put("admin_graphql_api_id", "gid://shopify/Order/" + orderId);
		return order;
	}

	static ObjectNode fulfillment(long orderId, long fulfillmentId) {
		var fulfillment = fixture("fulfillments-create.json");
		fulfillment.put("id", fulfillmentId);
		fulfillment.put("order_id", orderId);
		fulfillment.put("admin_graphql_api_id", "gid://shopify/Fulfillment/" + fulfillmentId);
		return fulfillment;
	}

	/** An order of a registered customer; the fixture's customer is shared by many tests. */
	static ObjectNode order(long orderId, long customerId) {
		return with(order(orderId), order -> {
			var customer = (ObjectNode) order.get("customer");
			customer.put("id", customerId);
			customer.put("admin_graphql_api_id", "gid://shopify/Customer/" + customerId);
		});
	}

	/** An order of a guest checkout: no {@code customer}, the contact data on the order only. */
	static ObjectNode guestOrder(long orderId) {
		return with(order(orderId), order -> order.remove("customer"));
	}

	/** {@code customers/redact} for a customer and the orders Shopify lists. */
	static ObjectNode customersRedact(long customerId, long... ordersToRedact) {
		var redact = fixture("customers-redact.json");
		((ObjectNode) redact.get("customer")).put("id", customerId);
		var orders = redact.putArray("orders_to_redact");
		for (var orderId : ordersToRedact) {
			orders.add(orderId);
		}
		return redact;
	}

	static ObjectNode with(ObjectNode payload, Consumer<ObjectNode> change) {
		change.accept(payload);
		return payload;
	}

	static byte[] bytes(ObjectNode payload) {
		return JSON.writeValueAsBytes(payload);
	}

	static ObjectNode fixture(String name) {
		try (var in = new ClassPathResource("shopify/" + name).getInputStream()) {
			return (ObjectNode) JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
