package dev.postpurchase.tracking;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventCatalog;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.testkit.BadJson;
import dev.postpurchase.testkit.BadRecords;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every topic tracking-service consumes, fed a burst of mutated records (bad payloads, broken
 * CloudEvents headers) on one partition: a valid record after them is still consumed by every
 * listener, the unreadable ones are in the dead-letter topic, and the parcel reads back.
 */
@TrackingServiceIntegrationTest
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

	@Autowired
	WebTestClient web;

	@Test
	void carrierUpdates() {
		var trackingNumber = "3SBADINBOUND" + System.nanoTime();
		var orderId = "ord_" + UUID.randomUUID();
		web.post().uri("/api/v1/shipments").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(Map.of("orderId", orderId, "carrier", "postnl", "trackingNumber", trackingNumber))
			.exchange()
			.expectStatus().isCreated();
		var sample = (ObjectNode) EventJson.mapper().readTree(GoldenSamples.json(InboundTrackingUpdate.class));
		sample.put("trackingNumber", trackingNumber);
		var updates = BadJson.of(sample.toString());
		var inbound = Map.of("ce_type", InboundTrackingUpdate.TYPE);
		BadRecords.assertPartitionNotStuck("tracking.inbound", topics, Topics.TRACKING_INBOUND, trackingNumber, BURST,
				random -> updates.message(random.nextBoolean() ? inbound : Map.of(), random),
				BadJson.valid(InboundTrackingUpdate.TYPE, sample.toString(), trackingNumber),
				List.of("tracking-service.inbound"));
		web.get().uri("/api/v1/shipments?orderId={id}", orderId)
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$[0].trackingNumber").isEqualTo(trackingNumber)
			.jsonPath("$[0].status").isNotEmpty();
	}

	@Test
	void orderAndReturnEvents() {
		var orderId = "ord_" + UUID.randomUUID();
		for (var topic : List.of(Topics.ORDER_EVENTS, Topics.RETURN_EVENTS)) {
			var types = EventCatalog.eventsOn(topic);
			var samples = types.stream().collect(Collectors.toMap(type -> type.id(),
					type -> GoldenSamples.json(type.javaType()).replace(GOLDEN_ORDER, orderId)));
			var canary = types.get(0);
			BadRecords.assertPartitionNotStuck(topic, topics, topic, orderId, EVENT_BURST, BadJson.events(samples, orderId),
					BadJson.valid(canary.id(), samples.get(canary.id()), orderId),
					List.of(topic.equals(Topics.ORDER_EVENTS) ? "tracking-service.orders" : "tracking-service.returns"));
		}
		web.get().uri("/api/v1/shipments?orderId={id}", orderId)
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
			.exchange()
			.expectStatus().isOk();
	}

}
