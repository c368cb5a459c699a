package dev.postpurchase.notification;

import java.util.Map;
import java.util.UUID;

import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.testkit.KafkaTopics;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The golden samples, made into a fresh order's events, published as their producers would. */
public final class Messages {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	/** A new order: its id and its customer's address are unique. */
	public record Order(String orderId, String customerId, String email) {

		public static Order fresh() {
			var unique = UUID.randomUUID().toString().substring(0, 8);
			return new Order("ord_" + unique, "cus_" + unique, "c-" + unique + "@example.test");
		}

	}

	/** OrderPlaced of the golden sample for this order; returns the JSON sent. */
	public ObjectNode orderPlaced(Order order, String locale, boolean emailConsent) {
		var placed = (ObjectNode) JSON.readTree(GoldenSamples.json(OrderPlaced.class));
		placed.put("eventId", UUID.randomUUID().toString());
		placed.put("orderId", order.orderId());
		var customer = (ObjectNode) placed.get("customer");
		customer.put("customerId", order.customerId());
		customer.put("email", order.email());
		customer.put("locale", locale);
		((ObjectNode) customer.get("consents")).put("email", emailConsent);
		return placed;
	}

	/** ShipmentStatusChanged of the golden sample, now to InTransit, as a new event of this order. */
	public ObjectNode inTransit(Order order) {
		var changed = (ObjectNode) JSON.readTree(GoldenSamples.json(ShipmentStatusChanged.class));
		changed.put("eventId", UUID.randomUUID().toString());
		changed.put("orderId", order.orderId());
		changed.put("previousStatus", "InfoReceived");
		changed.put("status", "InTransit");
		changed.put("promiseState", "ON_TRACK");
		var checkpoint = (ObjectNode) changed.get("checkpoint");
		checkpoint.put("status", "InTransit");
		checkpoint.remove("subStatus");
		checkpoint.remove("reason");
		return changed;
	}

	public void publish(String topic, String type, ObjectNode event) {
		topics.send(topic, event.get("orderId").asString(), event.toString(),
				Map.of("ce_type", type, "ce_id", event.get("eventId").asString(), "ce_specversion", "1.0"));
	}

	public void publishOrderEvent(String type, ObjectNode event) {
		publish(Topics.ORDER_EVENTS, type, event);
	}

	public void publishShipmentEvent(String type, ObjectNode event) {
		publish(Topics.SHIPMENT_EVENTS, type, event);
	}

}
