package dev.postpurchase.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.testkit.KafkaTopics;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A KPI test's history of events, published as their producers would: golden samples under fresh
 * ids, in a random far-future year of its own, so the facts of other tests in the same JVM never fall
 * in its ranges.
 */
public final class ScriptedHistory {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	private final String unique = UUID.randomUUID().toString().substring(0, 8);

	/** Histories of one test JVM take consecutive years from a random start, so no two share one. */
	private static final AtomicInteger YEARS = new AtomicInteger(ThreadLocalRandom.current().nextInt(2100, 2900));

	private final int year = YEARS.getAndIncrement();

	/** What makes this history's ids its own. */
	public String unique() {
		return unique;
	}

	/** The year the history happens in. */
	public int year() {
		return year;
	}

	/** The golden sample of an event type with a new event id. */
	public ObjectNode sample(Class<?> type) {
		var event = (ObjectNode) JSON.readTree(GoldenSamples.json(type));
		event.put("eventId", UUID.randomUUID().toString());
		return event;
	}

	/**
	 * Publishes an event on its topic, keyed by its order (or, for an event about no order such as an
	 * erasure, its customer), with its CloudEvents headers.
	 */
	public void publish(String topic, String type, ObjectNode event) {
		var key = event.hasNonNull("orderId") ? event.get("orderId") : event.get("customerId");
		topics.send(topic, key.asString(), event.toString(),
				Map.of("ce_type", type, "ce_id", event.get("eventId").asString(), "ce_specversion", "1.0"));
	}

	/** An id of this history, e.g. {@code s1_1a2b3c4d}. */
	public String id(String local) {
		return local + "_" + unique;
	}

	/** A moment of this history's year, from {@code MM-DDTHH:MM:SSZ}. */
	public Instant at(String monthDayTime) {
		return Instant.parse(instant(monthDayTime));
	}

	/** The same moment as text. */
	public String instant(String monthDayTime) {
		return year + "-" + monthDayTime;
	}

}
