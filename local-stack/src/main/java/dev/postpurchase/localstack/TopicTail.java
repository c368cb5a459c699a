package dev.postpurchase.localstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code --tail <topic>}: prints a topic's records from the beginning, with key and headers, and
 * keeps following it; the smallest Kafka client a newcomer needs to see the events flow. Reads
 * without a consumer group, so it never disturbs the services.
 */
final class TopicTail {

	static final String ARGUMENT = "--tail";

	private TopicTail() {
	}

	static void run(String topic, String bootstrapServers) {
		var config = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
				ConsumerConfig.CLIENT_ID_CONFIG, "local-stack-tail");
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
			var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList();
			if (partitions.isEmpty()) {
				System.err.println("No topic " + topic + " on " + bootstrapServers);
				System.exit(1);
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			System.out.println("Following " + topic + " on " + bootstrapServers + " (Ctrl-C to stop)");
			while (true) {
				for (var record : consumer.poll(Duration.ofMillis(500))) {
					var headers = StreamSupport.stream(record.headers().spliterator(), false)
						.map(header -> header.key() + "=" + new String(header.value(), StandardCharsets.UTF_8))
						.collect(Collectors.joining(" "));
					System.out.printf("%s-%d@%d key=%s%n  %s%n  %s%n", record.topic(), record.partition(), record.offset(),
							record.key(), headers, record.value());
				}
			}
		}
	}

	static boolean requested(List<String> args) {
		return !args.isEmpty() && args.get(0).equals(ARGUMENT);
	}

}
