package dev.postpurchase.returns.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.order.OrderCancelled;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.Payment;
import dev.postpurchase.contracts.order.ReplacementOf;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.returns.ReturnsServiceIntegrationTest;
import dev.postpurchase.returns.order.OrderFacts.Line;
import dev.postpurchase.testkit.KafkaTopics;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What returns-service keeps of an order from {@code order.events} and {@code shipment.events}, as
 * their producers publish them.
 */
@ReturnsServiceIntegrationTest
class OrderFactsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// the golden sample's lines, in cents
	private static final List<Line> SAMPLE_LINES = List.of(
			new Line("RJ-2201-NVY-M", "Regenjas Storm, navy, M", 1, 12995, "outerwear", false),
			new Line("SN-0417-WHT-42", "Canvas sneaker, wit, maat 42", 1, 7995, "footwear", false),
			new Line("SK-0090-GRY-3P", "Wollen sokken, grijs, 3-pack", 2, 1495, "accessories", true));

	@Autowired
	Orders orders;

	@Autowired
	ReactiveMongoTemplate mongo;

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	private final String unique = UUID.randomUUID().toString().substring(0, 8);

	private final String orderId = "ord_" + unique;

	@Test
	void anOrderAndItsFirstOutboundDeliveryMakeItsFactsWithoutPersonalData() {
		var placed = orderPlaced();
		// 4.95 EUR shipping on top of the lines' 239.80
		((ObjectNode) placed.get("total")).put("amount", new BigDecimal("244.75"));
		publish(Topics.ORDER_EVENTS, OrderPlaced.TYPE, placed);

		var expected = new OrderFacts(orderId, "cus_" + unique, SalesChannel.WEB, "EUR", SAMPLE_LINES, 495,
				new Payment("stripe", "pi_3PqK8L2eZvKYlo2C0x7Dc1aB"), "Europe/Amsterdam",
				Instant.parse("2026-05-11T18:42:00Z"), null, false, null, null);
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(orders.find(orderId).block()).isEqualTo(expected));

		// a return parcel's delivery (here even dated before the order's) is not the order's delivery
		var returnParcel = delivered("2026-05-12T09:00:00Z");
		returnParcel.put("direction", "RETURN");
		publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE, returnParcel);
		publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE, delivered("2026-05-14T11:22:00Z"));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(orders.find(orderId).block().deliveredAt())
				.isEqualTo(Instant.parse("2026-05-14T11:22:00Z")));

		// a second parcel delivered later does not move the delivery (its promise's zone shows it was applied)
		var secondParcel = delivered("2026-05-16T15:00:00Z");
		((ObjectNode) secondParcel.get("promise")).put("timeZone", "America/New_York");
		publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE, secondParcel);
		await().atMost(TIMEOUT).until(() -> "America/New_York".equals(stored().getString("deliveryTimeZone")));
		assertThat(orders.find(orderId).block())
			.isEqualTo(new OrderFacts(orderId, "cus_" + unique, SalesChannel.WEB, "EUR", SAMPLE_LINES, 495,
					new Payment("stripe", "pi_3PqK8L2eZvKYlo2C0x7Dc1aB"), "Europe/Amsterdam",
					Instant.parse("2026-05-11T18:42:00Z"), Instant.parse("2026-05-14T11:22:00Z"), false, null, null));

		var document = stored();
		assertThat(document.keySet()).containsExactlyInAnyOrder("_id", "customerId", "salesChannel", "currency", "lines",
				"shippingMinor", "payment", "timeZone", "deliveryTimeZone", "placedAt", "deliveredAt", "updatedAt",
				"appliedEvents");
		var text = document.toJson();
		var customer = placed.get("customer");
		var address = placed.get("shippingAddress");
		for (var personal : List.of(customer.get("email").asString(), customer.get("phone").asString(),
				customer.get("name").asString(), address.get("line1").asString(), address.get("postalCode").asString(),
				address.get("city").asString())) {
			assertThat(text).doesNotContain(personal);
		}
	}

	@Test
	void aDeliverySeenBeforeItsOrderIsKeptAndTheOrderFillsInTheRest() {
		var delivered = delivered("2026-05-14T11:22:00Z");
		delivered.put("salesChannel", "MARKETPLACE");
		((ObjectNode) delivered.get("promise")).put("timeZone", "Europe/Berlin");
		publish(Topics.SHIPMENT_EVENTS, ShipmentDelivered.TYPE, delivered);
		await().atMost(TIMEOUT).until(() -> stored() != null);
		// without its order the service does not know the order
		assertThat(orders.find(orderId).blockOptional()).isEmpty();

		// a replacement order that told neither the customer's zone nor a promise
		var placed = orderPlaced();
		((ObjectNode) placed.get("customer")).remove("timeZone");
		placed.remove("promise");
		placed.remove("payment");
		placed.putObject("replacementFor").put("orderId", "ord_original").put("returnId", "ret_1");
		publish(Topics.ORDER_EVENTS, OrderPlaced.TYPE, placed);

		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(orders.find(orderId).block())
				.isEqualTo(new OrderFacts(orderId, "cus_" + unique, SalesChannel.WEB, "EUR", SAMPLE_LINES, 0, null,
						"Europe/Berlin", Instant.parse("2026-05-11T18:42:00Z"), Instant.parse("2026-05-14T11:22:00Z"),
						false, null, new ReplacementOf("ord_original", "ret_1"))));
	}

	@Test
	void aRedeliveredEventChangesNothing() {
		var placed = orderPlaced();
		publish(Topics.ORDER_EVENTS, OrderPlaced.TYPE, placed);
		await().atMost(TIMEOUT).until(() -> orders.find(orderId).blockOptional().isPresent());

		// the same event again (made different here, so a second application would show)
		var again = placed.deepCopy();
		((ObjectNode) again.get("payment")).put("reference", "pi_other");
		((ObjectNode) again.get("total")).put("amount", new BigDecimal("300.00"));
		publish(Topics.ORDER_EVENTS, OrderPlaced.TYPE, again);
		// behind it on the same partition, so once it shows the redelivery was consumed
		var cancelled = fresh(OrderCancelled.class);
		publish(Topics.ORDER_EVENTS, OrderCancelled.TYPE, cancelled);

		await().atMost(TIMEOUT).until(() -> orders.find(orderId).block().cancelled());
		var facts = orders.find(orderId).block();
		assertThat(facts.cancelledAt()).isEqualTo(Instant.parse("2026-05-10T10:15:00Z"));
		assertThat(facts.payment()).isEqualTo(new Payment("stripe", "pi_3PqK8L2eZvKYlo2C0x7Dc1aB"));
		assertThat(facts.shippingMinor()).isZero();
		assertThat(stored().getList("appliedEvents", String.class))
			.containsExactly(placed.get("eventId").asString(), cancelled.get("eventId").asString());
	}

	@Test
	void anOrderThatBreaksTheContractGoesToTheDeadLetterTopic() {
		var placed = orderPlaced();
		((ObjectNode) placed.get("lines").get(0).get("unitPrice")).put("amount", new BigDecimal("129.955"));
		publish(Topics.ORDER_EVENTS, OrderPlaced.TYPE, placed);

		var eventId = placed.get("eventId").asString();
		topics.read(Topics.deadLetter(Topics.ORDER_EVENTS), record -> eventId.equals(KafkaTopics.header(record, "ce_id")),
				1, TIMEOUT);
		assertThat(orders.find(orderId).blockOptional()).isEmpty();
	}

	private ObjectNode orderPlaced() {
		var placed = fresh(OrderPlaced.class);
		var customer = (ObjectNode) placed.get("customer");
		customer.put("customerId", "cus_" + unique);
		customer.put("email", "c-" + unique + "@example.test");
		customer.put("phone", "+3161" + Math.abs(unique.hashCode() % 10_000_000));
		customer.put("name", "Customer " + unique);
		var address = (ObjectNode) placed.get("shippingAddress");
		address.put("line1", "Street " + unique);
		address.put("postalCode", "PC-" + unique);
		address.put("city", "City-" + unique);
		return placed;
	}

	private ObjectNode delivered(String deliveredAt) {
		var delivered = fresh(ShipmentDelivered.class);
		delivered.put("shipmentId", "shp_" + UUID.randomUUID().toString().substring(0, 8));
		delivered.put("deliveredAt", deliveredAt);
		return delivered;
	}

	private ObjectNode fresh(Class<?> type) {
		var event = (ObjectNode) JSON.readTree(GoldenSamples.json(type));
		event.put("eventId", UUID.randomUUID().toString());
		event.put("orderId", orderId);
		return event;
	}

	private void publish(String topic, String type, ObjectNode event) {
		topics.send(topic, orderId, event.toString(),
				Map.of("ce_type", type, "ce_id", event.get("eventId").asString(), "ce_specversion", "1.0"));
	}

	private Document stored() {
		return mongo.findById(orderId, Document.class, Orders.COLLECTION).block();
	}

}
