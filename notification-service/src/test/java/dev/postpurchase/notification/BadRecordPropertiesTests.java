package dev.postpurchase.notification;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventCatalog;
import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.testkit.BadJson;
import dev.postpurchase.testkit.BadRecords;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.TestTokens;

/**
 * Every topic notification-service consumes, fed a burst of mutated records (bad payloads, broken
 * CloudEvents headers) on one partition: a valid record after them is still consumed, the
 * unreadable ones are in the dead-letter topic, and the order's notifications read back.
 */
@NotificationServiceIntegrationTest
class BadRecordPropertiesTests {

	/**
	 * Records per burst: each one dead-lettered holds its partition up for about half a second (the
	 * consumer's fetch wait after the error handler's seek), so bursts are kept small.
	 */
	static final int BURST = 15;

	/** The order of the golden samples; replaced by an order of the test's own. */
	static final String GOLDEN_ORDER = "ord_8K2F5QW1XR";

	/** Each topic the service consumes, with the consumer group that reads it. */
	static final Map<String, String> GROUPS = Map.of(Topics.ORDER_EVENTS, "notification-service.orders",
			Topics.SHIPMENT_EVENTS, "notification-service.shipments", Topics.DELIVERY_EXCEPTION_EVENTS,
			"notification-service.exceptions", Topics.RETURN_EVENTS, "notification-service.returns",
			Topics.CUSTOMER_ERASURE, "notification-service.erasure");

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Autowired
	WebTestClient web;

	@Test
	void everyConsumedTopic() {
		var orderId = "ord_" + UUID.randomUUID();
		for (var topic : GROUPS.keySet().stream().sorted().toList()) {
			var types = EventCatalog.eventsOn(topic);
			var samples = types.stream().collect(Collectors.toMap(type -> type.id(),
					type -> GoldenSamples.json(type.javaType()).replace(GOLDEN_ORDER, orderId)));
			var canary = types.get(0);
			BadRecords.assertPartitionNotStuck(topic, topics, topic, orderId, BURST, BadJson.events(samples, orderId),
					BadJson.valid(canary.id(), samples.get(canary.id()), orderId), List.of(GROUPS.get(topic)));
		}
		// whatever the bursts stored reads back
		web.get().uri("/api/v1/notifications?orderId={id}", orderId)
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.exchange()
			.expectStatus().isOk();
	}

}
