package dev.postpurchase.order.shopify;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.order.SupportContactLogged;
import dev.postpurchase.testkit.KafkaTopics;

/** What order-service published on {@code order.events}, per order. */
final class OrderEvents {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	private final WebTestClient web;

	/** @param web a client whose token may log support contacts (for the marker event) */
	OrderEvents(WebTestClient web) {
		this.web = web;
	}

	/** Waits for an event of the type about the order and returns it. */
	ConsumerRecord<String, String> await(String orderId, String type) {
		return topics
			.read(Topics.ORDER_EVENTS, r -> orderId.equals(r.key()) && type.equals(KafkaTopics.header(r, "ce_type")), 1,
					TIMEOUT)
			.get(0);
	}

	/** Every event published about the order so far, in order. */
	List<ConsumerRecord<String, String>> of(String orderId) {
		return topics.readAll(Topics.ORDER_EVENTS, TIMEOUT).stream().filter(r -> orderId.equals(r.key())).toList();
	}

	/**
	 * The types of the order's events so far, in order, one per event as consumers see them: a record
	 * the outbox published again (same {@code ce_id}, at-least-once publishing) counts once, while an
	 * event the service emitted twice (two {@code ce_id}s) shows twice.
	 */
	List<String> typesOf(String orderId) {
		var eventIds = new HashSet<String>();
		return of(orderId).stream()
			.filter(r -> eventIds.add(KafkaTopics.header(r, "ce_id")))
			.map(r -> KafkaTopics.header(r, "ce_type"))
			.toList();
	}

	/**
	 * The event types of the order, after a marker event was published behind everything that
	 * happened so far: an order's events are published in the order they were written, so an event
	 * that was going to appear would be there before the marker. Makes "nothing more" assertions
	 * deterministic.
	 */
	List<String> typesOfAfterMarker(String orderId) {
		web.post()
			.uri("/api/v1/orders/{id}/contacts", orderId)
			.bodyValue(Map.of("channel", "CHAT", "reason", "WISMO", "resolvedOnFirstContact", true, "agentId",
					"agent-shopify-tests"))
			.exchange()
			.expectStatus()
			.isCreated();
		await(orderId, SupportContactLogged.TYPE);
		return typesOf(orderId);
	}

}
