package dev.postpurchase.returns;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.postpurchase.contracts.EventCatalog;
import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.order.OrderCancelled;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.testkit.KafkaTopics;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The golden samples made into a fresh order's events, published as their producers would: the
 * story's order (a raincoat at 129.95, sneakers at 79.95, two final-sale socks at 14.95; EUR, paid
 * with Stripe, customer in Europe/Amsterdam) under new ids.
 */
public final class ReturnsMessages {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public static final String RAINCOAT = "RJ-2201-NVY-M";

	public static final String SNEAKERS = "SN-0417-WHT-42";

	public static final String SOCKS = "SK-0090-GRY-3P";

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	/** A new order's ids. */
	public record Order(String orderId, String customerId) {

		public static Order fresh() {
			var unique = UUID.randomUUID().toString().substring(0, 8);
			return new Order("ord_" + unique, "cus_" + unique);
		}

	}

	/** OrderPlaced of the story's order under the new ids. */
	public ObjectNode placed(Order order) {
		var placed = fresh(OrderPlaced.class, order);
		((ObjectNode) placed.get("customer")).put("customerId", order.customerId());
		return placed;
	}

	/** The order's outbound parcel delivered at {@code at}. */
	public ObjectNode delivered(Order order, Instant at) {
		var delivered = fresh(ShipmentDelivered.class, order);
		delivered.put("shipmentId", "shp_" + UUID.randomUUID().toString().substring(0, 8));
		delivered.put("deliveredAt", at.toString());
		delivered.put("occurredAt", at.toString());
		return delivered;
	}

	public ObjectNode cancelled(Order order) {
		return fresh(OrderCancelled.class, order);
	}

	/** A carrier scan of a return parcel, as tracking-service publishes it. */
	public ObjectNode returnParcel(Order order, String returnId, String status) {
		var changed = fresh(ShipmentStatusChanged.class, order);
		changed.put("direction", "RETURN");
		changed.put("returnId", returnId);
		changed.put("previousStatus", "InfoReceived");
		changed.put("status", status);
		changed.remove("promiseState");
		((ObjectNode) changed.get("checkpoint")).put("status", status);
		((ObjectNode) changed.get("checkpoint")).remove("subStatus");
		((ObjectNode) changed.get("checkpoint")).remove("reason");
		return changed;
	}

	/** A return parcel delivered at the warehouse, as tracking-service publishes it. */
	public ObjectNode returnParcelDelivered(Order order, String returnId, Instant at) {
		var delivered = delivered(order, at);
		delivered.put("direction", "RETURN");
		delivered.put("returnId", returnId);
		delivered.remove("promise");
		delivered.remove("promiseState");
		return delivered;
	}

	/** Publishes an event of the catalog on its topic, keyed by its order. */
	public void publish(Class<?> type, ObjectNode event) {
		var message = EventCatalog.of(type);
		topics.send(message.topic(), event.get("orderId").asString(), event.toString(),
				Map.of("ce_type", message.id(), "ce_id", event.get("eventId").asString(), "ce_specversion", "1.0"));
	}

	private static ObjectNode fresh(Class<?> type, Order order) {
		var event = (ObjectNode) JSON.readTree(GoldenSamples.json(type));
		event.put("eventId", UUID.randomUUID().toString());
		event.put("orderId", order.orderId());
		return event;
	}

}
