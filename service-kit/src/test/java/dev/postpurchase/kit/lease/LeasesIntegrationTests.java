package dev.postpurchase.kit.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;

import dev.postpurchase.kit.outbox.OutboxRelay;
import dev.postpurchase.kit.outbox.OutboxSettings;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Leases on MongoDB, and the outbox relay of two instances, on the JVM's test infrastructure. */
class LeasesIntegrationTests {

	private static final Duration TTL = Duration.ofSeconds(30);

	private static MongoClient client;

	private static ReactiveMongoTemplate mongo;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

	private final SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();

	private final Leases first = new Leases(mongo, clock, firstMeters, "first");

	private final Leases second = new Leases(mongo, clock, new SimpleMeterRegistry(), "second");

	@BeforeAll
	static void connect() {
		client = MongoClients.create(TestInfrastructure.mongoUri());
		mongo = new ReactiveMongoTemplate(client, "kit-leases-" + UUID.randomUUID());
	}

	@AfterAll
	static void disconnect() {
		client.close();
	}

	@Test
	void oneInstanceHoldsALeaseUntilItRunsOutOrIsGivenUp() {
		var name = "checker-" + UUID.randomUUID();
		assertThat(first.acquire(name, TTL).block()).isTrue();
		assertThat(second.acquire(name, TTL).block()).as("held by the first").isFalse();
		clock.advance(Duration.ofSeconds(20));
		assertThat(first.acquire(name, TTL).block()).as("renewed by its holder").isTrue();
		clock.advance(Duration.ofSeconds(20));
		assertThat(second.acquire(name, TTL).block()).as("renewed 20 s ago for 30 s").isFalse();
		assertThat(firstMeters.get("lease.held").tag("lease", name).gauge().value()).isEqualTo(1.0);

		// the first instance dies: its lease runs out, and the second takes over
		clock.advance(TTL);
		assertThat(second.acquire(name, TTL).block()).isTrue();
		assertThat(first.acquire(name, TTL).block()).isFalse();
		assertThat(firstMeters.get("lease.held").tag("lease", name).gauge().value()).isEqualTo(0.0);

		// the second stops and gives it up: the first takes it at once
		second.release(name).block();
		assertThat(first.acquire(name, TTL).block()).isTrue();
		// giving up a lease one does not hold changes nothing
		second.release(name).block();
		assertThat(second.acquire(name, TTL).block()).isFalse();
	}

	@Test
	void theTimeToLiveIsThreeIntervalsAndAtLeastTenSeconds() {
		assertThat(Leases.timeToLive(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(10));
		assertThat(Leases.timeToLive(Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(3));
	}

	@Test
	void ofTwoInstancesOnlyTheLeaseHolderRelaysTheOutboxAndTheOtherTakesOverWhenItStops() {
		var collection = "orders_" + UUID.randomUUID().toString().replace("-", "");
		var topic = "lease-test-" + UUID.randomUUID();
		var producers = new DefaultKafkaProducerFactory<Object, Object>(java.util.Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
		var kafka = new KafkaTemplate<>(producers);
		var settings = new OutboxSettings(List.of(collection), Duration.ofSeconds(1), 200, 4);
		var relayOne = new OutboxRelay(mongo, kafka, settings, "test", new SimpleMeterRegistry(), first);
		var relayTwo = new OutboxRelay(mongo, kafka, settings, "test", new SimpleMeterRegistry(), second);
		try {
			mongo.insert(document("o1", topic, 3), collection).block();

			// both instances pass at the same time: the entries go out once, by the holder
			var published = reactor.core.publisher.Flux.merge(relayOne.relayOnce(), relayTwo.relayOnce())
				.reduce(0L, Long::sum)
				.block();
			assertThat(published).isEqualTo(3);
			var topics = new KafkaTopics(TestInfrastructure.kafkaBootstrapServers());
			assertThat(topics.readAll(topic, Duration.ofSeconds(30))).extracting(record -> record.value())
				.containsExactly("o1-0", "o1-1", "o1-2");

			// the holder stops, giving the lease up (as OutboxRelay.stop does); the other relays what comes next
			first.release("outbox-relay:" + collection).block();
			mongo.insert(document("o2", topic, 2), collection).block();
			assertThat(relayTwo.relayOnce().block()).isEqualTo(2);
			assertThat(relayOne.relayOnce().block()).as("the lease is the other's now").isZero();
			// each once, each document's in the order written (the two documents' keys may be on different partitions)
			var all = topics.readAll(topic, Duration.ofSeconds(30));
			assertThat(all).hasSize(5);
			assertThat(all).filteredOn(record -> "o1".equals(record.key())).extracting(record -> record.value())
				.containsExactly("o1-0", "o1-1", "o1-2");
			assertThat(all).filteredOn(record -> "o2".equals(record.key())).extracting(record -> record.value())
				.containsExactly("o2-0", "o2-1");
		}
		finally {
			producers.destroy();
		}
	}

	/** A document with {@code entries} pending outbox entries for the topic, payloads {@code <id>-<n>}. */
	private static Document document(String id, String topic, int entries) {
		var outbox = new java.util.ArrayList<Document>();
		for (int i = 0; i < entries; i++) {
			outbox.add(new Document("eventId", UUID.randomUUID().toString()).append("topic", topic)
				.append("key", id)
				.append("type", "dev.postpurchase.test.v1")
				.append("time", "2026-03-01T10:00:00Z")
				.append("payload", id + "-" + i));
		}
		return new Document("_id", id).append("version", 0).append("outbox", outbox);
	}

}
