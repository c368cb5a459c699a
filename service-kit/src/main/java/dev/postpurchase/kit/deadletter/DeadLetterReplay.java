package dev.postpurchase.kit.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import dev.postpurchase.contracts.Topics;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends the records of {@code <topic>.DLT} back to {@code <topic>} once the cause is fixed (a bug
 * deployed, an outage over): key, value and the original headers as they were, without the
 * error handler's {@code kafka_dlt-*} headers. Each replay starts where the previous one ended (kept
 * in MongoDB), so a record is replayed once; one that fails again lands in the DLT again, after the
 * replayed range, and waits for the next replay.
 */
public class DeadLetterReplay {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterReplay.class);

	static final String COLLECTION = "dead_letter_replays";

	private static final Duration POLL = Duration.ofMillis(200);

	private final Map<String, Object> kafka;

	private final ReactiveMongoTemplate mongo;

	public DeadLetterReplay(Map<String, Object> kafka, ReactiveMongoTemplate mongo) {
		this.kafka = Map.copyOf(kafka);
		this.mongo = mongo;
	}

	/** What one replay did. */
	public record Report(String topic, String deadLetterTopic, long replayed, Map<Integer, Long> positions) {
	}

	public Mono<Report> replay(String topic) {
		var deadLetters = Topics.deadLetter(topic);
		return mongo.findById(deadLetters, Document.class, COLLECTION)
			.map(found -> found.get("positions", Document.class))
			.defaultIfEmpty(new Document())
			.flatMap(positions -> Mono.fromCallable(() -> copy(topic, deadLetters, positions))
				.subscribeOn(Schedulers.boundedElastic()))
			.flatMap(report -> {
				var update = new Update();
				report.positions().forEach((partition, offset) -> update.set("positions." + partition, offset));
				return mongo.upsert(Query.query(Criteria.where("_id").is(deadLetters)), update, COLLECTION)
					.thenReturn(report);
			});
	}

	private Report copy(String topic, String deadLetters, Document from) throws Exception {
		var consumerConfig = new HashMap<>(kafka);
		consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
		var producerConfig = new HashMap<>(kafka);
		producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		var positions = new TreeMap<Integer, Long>();
		long replayed = 0;
		try (var consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
				var producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer())) {
			var partitions = consumer.partitionsFor(deadLetters, Duration.ofSeconds(10))
				.stream()
				.map(info -> new TopicPartition(deadLetters, info.partition()))
				.toList();
			consumer.assign(partitions);
			var ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
			for (var partition : partitions) {
				var start = from.get(String.valueOf(partition.partition()), Number.class);
				consumer.seek(partition, start == null ? 0 : start.longValue());
				positions.put(partition.partition(), start == null ? 0 : start.longValue());
			}
			while (positions.entrySet()
				.stream()
				.anyMatch(p -> p.getValue() < ends.get(new TopicPartition(deadLetters, p.getKey())))) {
				for (var record : consumer.poll(POLL)) {
					var end = ends.get(new TopicPartition(deadLetters, record.partition()));
					if (record.offset() >= end) {
						continue;
					}
					var headers = new RecordHeaders();
					record.headers().forEach(header -> {
						if (!header.key().startsWith("kafka_dlt-")) {
							headers.add(header);
						}
					});
					producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers)).get();
					positions.put(record.partition(), record.offset() + 1);
					replayed++;
				}
			}
		}
		log.info("Replayed {} records from {} to {}", replayed, deadLetters, topic);
		return new Report(topic, deadLetters, replayed, positions);
	}

}
