package dev.postpurchase.notification;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.EventCatalog;
import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnApproved;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
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

	/** A new order: its id and its customer's address and phone number are unique. */
	public record Order(String orderId, String customerId, String email, String phone) {

		public static Order fresh() {
			var unique = UUID.randomUUID().toString().substring(0, 8);
			return new Order("ord_" + unique, "cus_" + unique, "c-" + unique + "@example.test",
					ProviderStandIn.freshPhone());
		}

	}

	/** What the customer agreed to be contacted by. */
	public record Consents(boolean email, boolean sms, boolean whatsapp) {

		public static final Consents ALL = new Consents(true, true, true);

		public static final Consents EMAIL_ONLY = new Consents(true, false, false);

	}

	/** OrderPlaced of the golden sample for this order; returns the JSON sent. */
	public ObjectNode orderPlaced(Order order, String locale, boolean emailConsent) {
		return orderPlaced(order, locale, new Consents(emailConsent, false, false));
	}

	/** OrderPlaced of the golden sample for this order, with these consents. */
	public ObjectNode orderPlaced(Order order, String locale, Consents consents) {
		var placed = (ObjectNode) JSON.readTree(GoldenSamples.json(OrderPlaced.class));
		placed.put("eventId", UUID.randomUUID().toString());
		placed.put("orderId", order.orderId());
		var customer = (ObjectNode) placed.get("customer");
		customer.put("customerId", order.customerId());
		customer.put("email", order.email());
		customer.put("phone", order.phone());
		customer.put("locale", locale);
		var consent = (ObjectNode) customer.get("consents");
		consent.put("email", consents.email());
		consent.put("sms", consents.sms());
		consent.put("whatsapp", consents.whatsapp());
		return placed;
	}

	/** ShipmentStatusChanged of the golden sample, now to OutForDelivery, arriving around {@code estimate}. */
	public ObjectNode outForDelivery(Order order, Instant estimate) {
		var changed = inTransit(order);
		changed.put("previousStatus", "InTransit");
		changed.put("status", "OutForDelivery");
		changed.put("estimatedDelivery", estimate.toString());
		((ObjectNode) changed.get("checkpoint")).put("status", "OutForDelivery");
		return changed;
	}

	/** ShipmentDelivered of the golden sample, as a new event of this order. */
	public ObjectNode delivered(Order order) {
		return fresh(ShipmentDelivered.class, order);
	}

	/** DeliveryExceptionRaised of the golden sample (a carrier exception, new estimate 14 May 16:00 UTC). */
	public ObjectNode exceptionRaised(Order order, String kind) {
		var raised = fresh(DeliveryExceptionRaised.class, order);
		raised.put("kind", kind);
		return raised;
	}

	/** ReturnApproved of the golden sample (mail-in, with a label). */
	public ObjectNode returnApproved(Order order) {
		var approved = fresh(ReturnApproved.class, order);
		approved.put("customerId", order.customerId());
		return approved;
	}

	/** RefundIssued of the golden sample. */
	public ObjectNode refundIssued(Order order) {
		var refund = fresh(RefundIssued.class, order);
		refund.put("customerId", order.customerId());
		return refund;
	}

	private static ObjectNode fresh(Class<? extends Event> type, Order order) {
		var event = (ObjectNode) JSON.readTree(GoldenSamples.json(type));
		event.put("eventId", UUID.randomUUID().toString());
		event.put("orderId", order.orderId());
		return event;
	}

	/** Publishes an event of the catalog on its topic, keyed by its order. */
	public void publish(Class<? extends Event> type, ObjectNode event) {
		var message = EventCatalog.of(type);
		publish(message.topic(), message.id(), event);
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
