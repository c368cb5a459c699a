package dev.postpurchase.notification.engagement;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.notification.message.MessageDetails;
import dev.postpurchase.notification.message.Notification;
import dev.postpurchase.notification.message.Notification.Status;
import dev.postpurchase.testkit.KafkaTopics;

/**
 * Ledger entries as sending leaves them (written directly, since SMS and WhatsApp are not sent in
 * tests), and what notification-service publishes about them on {@code notification.events}.
 */
final class SentMessages {

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	SentMessages(ReactiveMongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/** A message of a fresh order. */
	record Sent(String id, String orderId, String notificationId, Channel channel, String providerMessageId) {
	}

	/** A SENT message of a fresh order with a provider id of the channel's shape. */
	Sent sent(Channel channel) {
		return insert(channel, Status.SENT);
	}

	/** A message of a fresh order that is still PENDING (being sent). */
	Sent pending(Channel channel) {
		return insert(channel, Status.PENDING);
	}

	private Sent insert(Channel channel, Status status) {
		var unique = UUID.randomUUID().toString().substring(0, 8);
		var orderId = "ord_" + unique;
		var notificationId = UUID.randomUUID().toString();
		var providerMessageId = status == Status.SENT ? providerMessageId(channel) : null;
		var now = clock.instant();
		var entry = new Notification(Notification.idOf(orderId, Milestone.SHIPPED, channel), notificationId, orderId,
				"cus_" + unique, Milestone.SHIPPED, channel, status, null, "shipped." + channel.name().toLowerCase(),
				"en", providerMessageId, 1, null, MessageDetails.NONE, List.of(), false, true, now.minusSeconds(60),
				status == Status.PENDING ? now.plusSeconds(120) : null, null, status == Status.SENT ? now : null, now,
				new ArrayList<>(List.of(UUID.randomUUID().toString())), new ArrayList<>());
		mongo.insert(entry).block(TIMEOUT);
		return new Sent(entry.id(), orderId, notificationId, channel, providerMessageId);
	}

	/** The stored entry, as it is now. */
	Document entry(Sent message) {
		return mongo.findById(message.id(), Document.class, "notifications").block(TIMEOUT);
	}

	/** Waits for at least {@code atLeast} events of this type about the message's order. */
	List<ConsumerRecord<String, String>> await(Sent message, String type, int atLeast) {
		return topics.read(Topics.NOTIFICATION_EVENTS, record -> matches(record, message, type), atLeast, TIMEOUT);
	}

	/** Every event of this type about the message's order on the topic now. */
	List<ConsumerRecord<String, String>> all(Sent message, String type) {
		return topics.readAll(Topics.NOTIFICATION_EVENTS, TIMEOUT)
			.stream()
			.filter(record -> matches(record, message, type))
			.toList();
	}

	/** The events of this type carrying this engagement. */
	static List<ConsumerRecord<String, String>> engagement(List<ConsumerRecord<String, String>> records,
			String engagement) {
		return records.stream().filter(record -> record.value().contains("\"engagement\":\"" + engagement + "\"")).toList();
	}

	private static boolean matches(ConsumerRecord<String, String> record, Sent message, String type) {
		return message.orderId().equals(record.key()) && type.equals(KafkaTopics.header(record, "ce_type"))
				&& record.value().contains("\"notificationId\":\"" + message.notificationId() + "\"");
	}

	private static String providerMessageId(Channel channel) {
		var random = UUID.randomUUID().toString().replace("-", "");
		return switch (channel) {
			case SMS -> "SM" + random;
			case WHATSAPP -> "wamid.HBgL" + random.toUpperCase() + "AA==";
			case EMAIL -> "<" + UUID.randomUUID() + "@notifications.postpurchase.dev>";
		};
	}

}
