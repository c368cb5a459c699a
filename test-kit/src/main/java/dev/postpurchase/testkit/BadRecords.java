package dev.postpurchase.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends bursts of {@link BadJson} records to a topic and checks what every consumer must keep for
 * any input: the partition is not stuck, and what cannot be read is not lost.
 *
 * <pre>{@code
 * BadRecords.assertPartitionNotStuck("orders.inbound", topics, "orders.inbound", key, 30,
 *         random -> orders.message(Map.of(), random), BadJson.valid(type, validJson, key), List.of("orders-inbound"));
 * }</pre>
 */
public final class BadRecords {

	/** Long enough for a burst of records that are each retried before they are dead-lettered. */
	static final Duration CONSUMED_WITHIN = Duration.ofMinutes(3);

	private BadRecords() {
	}

	/**
	 * The property every consumer keeps for any records: after a burst of {@code count} bad records
	 * on one key (so one partition), a valid canary record sent after them is consumed by each of
	 * the groups, none of the burst's unreadable records is lost (they are in {@code <topic>.DLT}),
	 * and the canary is not.
	 *
	 * @return the bad records sent, for checks of what the service stored
	 * @throws AssertionError naming the seed and what went wrong otherwise
	 */
	public static List<BadJson.Message> assertPartitionNotStuck(String property, KafkaTopics topics, String topic,
			String key, int count, Function<Random, BadJson.Message> generator, BadJson.Message canary,
			List<String> groupIds) {
		var seed = BadJson.seed(property);
		var random = new Random(seed);
		var burst = new ArrayList<BadJson.Message>();
		for (int i = 0; i < count; i++) {
			burst.add(generator.apply(random));
		}
		var records = new ArrayList<ProducerRecord<String, byte[]>>();
		burst.forEach(
				message -> records.add(KafkaTopics.record(topic, key, message.payload().body(), message.headers())));
		records.add(KafkaTopics.record(topic, key, canary.payload().body(), canary.headers()));
		var metadata = topics.sendAll(records);
		var sent = metadata.get(metadata.size() - 1);
		var rerun = " (seed " + seed + ", rerun with -D" + BadJson.SEED_PROPERTY + "=" + seed + ")";
		try {
			for (var group : groupIds) {
				topics.awaitConsumed(group, sent, CONSUMED_WITHIN);
			}
			var unreadable = burst.stream()
				.filter(BadJson.Message::unreadable)
				.map(message -> message.payload().text())
				.toList();
			var deadLetter = topic + ".DLT";
			var dead = topics.readAll(deadLetter, CONSUMED_WITHIN)
				.stream()
				.filter(record -> key.equals(record.key()))
				.map(record -> record.value())
				.toList();
			var lost = unreadable.stream().filter(value -> !dead.contains(value)).map(BadJson::abbreviate).toList();
			if (!lost.isEmpty()) {
				throw new AssertionError(lost.size() + " unreadable records are not in " + deadLetter + ": " + lost);
			}
			if (dead.contains(canary.payload().text())) {
				throw new AssertionError("The valid canary record went to " + deadLetter);
			}
		}
		catch (AssertionError ex) {
			throw new AssertionError("Property '" + property + "' failed" + rerun + ": " + ex.getMessage(), ex);
		}
		return burst;
	}

}
