package dev.postpurchase.order;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventCatalog;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.kit.kafka.PoisonMessageException;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.testkit.BadJson;
import dev.postpurchase.testkit.BadRecords;
import dev.postpurchase.testkit.KafkaTopics;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every topic order-service consumes, fed a burst of mutated records (bad payloads, broken
 * CloudEvents headers) on one partition: a valid record after them is still consumed by every
 * listener, the unreadable ones are in the dead-letter topic, and every order the burst placed
 * reads back whole.
 */
@OrderServiceIntegrationTest
class BadRecordPropertiesTests {

	/**
	 * Records per burst: each one dead-lettered holds its partition up for about half a second (the
	 * consumer's fetch wait after the error handler's seek), so bursts are kept small.
	 */
	static final int BURST = 30;

	static final int EVENT_BURST = 15;

	/** The order of the golden samples; replaced by an order of the test's own. */
	static final String GOLDEN_ORDER = "ord_8K2F5QW1XR";

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	WebTestClient web;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	void client(WebTestClient client) {
		this.web = TestClients.backOffice(client);
	}

	@Test
	void inboundOrders() {
		var key = "bad-inbound-" + UUID.randomUUID();
		var sample = TestOrders.order("web-shop", "BAD-INBOUND", "cus-bad-inbound");
		var orders = BadJson.of(EventJson.mapper().writeValueAsString(sample)).withFresh("externalOrderId");
		var inbound = Map.of("ce_type", InboundOrder.TYPE);
		var canary = TestOrders.order();
		BadRecords.assertPartitionNotStuck("orders.inbound", topics, Topics.ORDERS_INBOUND, key, BURST,
				random -> orders.message(random.nextBoolean() ? inbound : Map.of(), random),
				BadJson.valid(InboundOrder.TYPE, EventJson.mapper().writeValueAsString(canary), key),
				List.of("orders-inbound"));
		web.get().uri("/api/v1/orders/{id}", OrderId.of("web-shop", canary.externalOrderId()).value()).exchange()
			.expectStatus().isOk();
		var placed = mongo.find(Query.query(Criteria.where("externalOrderId").regex("^BAD-INBOUND-")), Document.class,
				"orders").map(order -> order.getString("_id")).collectList().block();
		assertThat(placed).allSatisfy(id -> web.get().uri("/api/v1/orders/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isNotEmpty()
			.jsonPath("$.lines").isArray());
	}

	@Test
	void eventsOfTheOtherServices() {
		var orderId = place();
		for (var topic : List.of(Topics.SHIPMENT_EVENTS, Topics.DELIVERY_EXCEPTION_EVENTS, Topics.NOTIFICATION_EVENTS,
				Topics.RETURN_EVENTS)) {
			var types = EventCatalog.eventsOn(topic);
			var samples = types.stream().collect(Collectors.toMap(type -> type.id(),
					type -> GoldenSamples.json(type.javaType()).replace(GOLDEN_ORDER, orderId)));
			var canaryType = types.get(0);
			var canary = BadJson.valid(canaryType.id(), fresh(samples.get(canaryType.id())), orderId);
			var groups = topic.equals(Topics.RETURN_EVENTS) ? List.of("order-service.status", "order-service.exchanges")
					: List.of("order-service.status");
			BadRecords.assertPartitionNotStuck(topic, topics, topic, orderId, EVENT_BURST, BadJson.events(samples, orderId),
					canary, groups);
		}
		web.get().uri("/api/v1/orders/{id}/status", orderId).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.orderId").isEqualTo(orderId);
		web.get().uri("/api/v1/orders/{id}", orderId).exchange().expectStatus().isOk();
	}

	@Test
	void erasureRequests() {
		var type = EventCatalog.of(CustomerErasureRequested.class).id();
		var sample = GoldenSamples.json(CustomerErasureRequested.class);
		var key = "bad-erasure-" + UUID.randomUUID();
		BadRecords.assertPartitionNotStuck("customer.erasure", topics, Topics.CUSTOMER_ERASURE, key, EVENT_BURST,
				BadJson.events(Map.of(type, sample), key), BadJson.valid(type, fresh(sample), key),
				List.of("order-service.erasure"));
	}

	@Test
	void anEventTheStatusViewCanNeverApplyIsDeadLetteredWithoutRetries() {
		// regression: an id with a dot nested the view's map entry wrongly, NUL made MongoDB refuse the
		// update, and a missing eventId failed with a NullPointerException; all were retried first
		var orderId = place();
		var type = EventCatalog.of(ShipmentRegistered.class).id();
		var sample = GoldenSamples.json(ShipmentRegistered.class).replace(GOLDEN_ORDER, orderId);
		var dotted = fresh(sample).replace("shp_3HZ8M1C6PA", "shp.dotted");
		var nul = fresh(sample).replace("shp_3HZ8M1C6PA", "shp\\u0000nul");
		var anonymous = sample.replace("\"eventId\"", "\"formerEventId\"");
		var records = List.of(dotted, nul, anonymous).stream()
			.map(json -> KafkaTopics.record(Topics.SHIPMENT_EVENTS, orderId, json.getBytes(StandardCharsets.UTF_8),
					BadJson.valid(type, json, orderId).headers()))
			.toList();
		topics.sendAll(records);
		var dead = topics.read(Topics.deadLetter(Topics.SHIPMENT_EVENTS), record -> orderId.equals(record.key()), 3,
				Duration.ofSeconds(30));
		// one key, one partition: in the order sent; the event without its id is refused as it is read
		assertThat(dead).extracting(record -> KafkaTopics.header(record, "kafka_dlt-exception-cause-fqcn"))
			.containsExactly(PoisonMessageException.class.getName(), PoisonMessageException.class.getName(),
					DeserializationException.class.getName());
		web.get().uri("/api/v1/orders/{id}/status", orderId).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.shipments.length()").isEqualTo(0);
	}

	private String place() {
		return web.post().uri("/api/v1/orders").bodyValue(TestOrders.order()).exchange()
			.expectStatus().isCreated()
			.expectBody(ObjectNode.class).returnResult().getResponseBody().get("id").asString();
	}

	/** The sample with an event id of its own, so it is not taken for a redelivery. */
	private static String fresh(String sample) {
		var event = (ObjectNode) EventJson.mapper().readTree(sample);
		event.put("eventId", UUID.randomUUID().toString());
		return event.toString();
	}

}
