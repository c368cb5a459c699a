package dev.postpurchase.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.localstack.RunningStack.Provider;
import dev.postpurchase.testkit.KafkaTopics;

/**
 * What the outside world received, at one moment: the email at the SMTP capture, the texts and
 * WhatsApp messages at the simulators, the refunds at the Stripe simulator. A message is attributed
 * to its order, milestone and channel by the provider's id of it (the email's Message-ID, Twilio's
 * sid, WhatsApp's message id), which notification-service reports in NotificationSent. A message
 * without such a report (sent, but never recorded as sent) is kept apart with the order its links
 * name: it is an effect the platform does not know it had, such as the first copy of a message sent
 * twice.
 */
final class Effects {

	private static final Pattern ORDER_ID = Pattern.compile("ord_[a-z0-9]+");

	/** One message of an order about one milestone on one channel. */
	record Key(String orderId, Milestone milestone, Channel channel) {
	}

	/** Messages received, by what they are about: copies received per provider id. */
	private final Map<Key, Map<String, Integer>> messages = new HashMap<>();

	/** Messages received that no NotificationSent explains, by the order their links name. */
	private final Map<String, Integer> unexplained = new HashMap<>();

	/** Why messages were not sent, per message (NotificationSuppressed), latest reason. */
	private final Map<Key, List<NotificationSuppressed.Reason>> suppressed = new HashMap<>();

	/** The statuses each order's outbound parcel moved to, as tracking-service published them. */
	private final Map<String, Set<TrackingStatus>> statuses = new HashMap<>();

	/** Refunds made at the Stripe simulator, by return id. */
	private final Map<String, Integer> refunds = new HashMap<>();

	private Effects() {
	}

	/** Reads everything received so far, and notification-service's reports of it from {@code notification.events}. */
	static Effects now(Platform platform) {
		var effects = new Effects();
		var sent = new HashMap<String, Key>();
		for (var record : platform.topics().readAll(Topics.NOTIFICATION_EVENTS, Duration.ofSeconds(60))) {
			var type = KafkaTopics.header(record, "ce_type");
			if (NotificationSent.TYPE.equals(type)) {
				var event = EventJson.mapper().readValue(record.value(), NotificationSent.class);
				sent.put(event.providerMessageId(), new Key(event.orderId(), event.milestone(), event.channel()));
			}
			else if (NotificationSuppressed.TYPE.equals(type)) {
				var event = EventJson.mapper().readValue(record.value(), NotificationSuppressed.class);
				effects.suppressed.computeIfAbsent(new Key(event.orderId(), event.milestone(), event.channel()),
						key -> new ArrayList<>()).add(event.reason());
			}
		}
		for (var record : platform.topics().readAll(Topics.SHIPMENT_EVENTS, Duration.ofSeconds(60))) {
			if (ShipmentStatusChanged.TYPE.equals(KafkaTopics.header(record, "ce_type"))) {
				var event = EventJson.mapper().readValue(record.value(), ShipmentStatusChanged.class);
				if (event.direction() == Direction.OUTBOUND) {
					effects.statuses.computeIfAbsent(event.orderId(), order -> EnumSet.noneOf(TrackingStatus.class))
						.add(event.status());
				}
			}
		}
		var stack = platform.stack();
		stack.received(Provider.MAIL).forEach(mail -> effects.count(sent, text(mail, "messageId"), text(mail, "text")));
		stack.received(Provider.SMS).forEach(sms -> effects.count(sent, text(sms, "sid"), text(sms, "body")));
		stack.received(Provider.WHATSAPP).forEach(message -> effects.count(sent, text(message, "id"), String.valueOf(message)));
		for (var refund : stack.received(Provider.PAYMENTS)) {
			var metadata = refund.get("metadata") instanceof Map<?, ?> map ? map : Map.of();
			var returnId = String.valueOf(metadata.get("return_id"));
			effects.refunds.merge(returnId, 1, Integer::sum);
		}
		return effects;
	}

	private void count(Map<String, Key> sent, String providerId, String content) {
		var key = providerId == null ? null : sent.get(providerId);
		if (key != null) {
			this.messages.computeIfAbsent(key, any -> new HashMap<>()).merge(providerId, 1, Integer::sum);
			return;
		}
		var order = content == null ? null : ORDER_ID.matcher(content);
		this.unexplained.merge(order != null && order.find() ? order.group() : "?", 1, Integer::sum);
	}

	/** How many messages of this order, milestone and channel were received. */
	int messages(String orderId, Milestone milestone, Channel channel) {
		return this.messages.getOrDefault(new Key(orderId, milestone, channel), Map.of()).values().stream()
			.mapToInt(Integer::intValue).sum();
	}

	/**
	 * How many of those messages were another copy of one already received: the same message (its
	 * provider id, the email's Message-ID) handed over again.
	 */
	int copies(String orderId, Milestone milestone, Channel channel) {
		return this.messages.getOrDefault(new Key(orderId, milestone, channel), Map.of()).values().stream()
			.mapToInt(copies -> copies - 1).sum();
	}

	/** The provider ids of the messages received more than once, for the report. */
	List<String> copied(String orderId, Milestone milestone, Channel channel) {
		return this.messages.getOrDefault(new Key(orderId, milestone, channel), Map.of()).entrySet().stream()
			.filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
	}

	/** Every milestone and channel the order got messages about. */
	List<Key> messagesOf(String orderId) {
		return this.messages.keySet().stream().filter(key -> key.orderId().equals(orderId)).toList();
	}

	/** Messages naming the order that notification-service never reported as sent. */
	int unexplained(String orderId) {
		return this.unexplained.getOrDefault(orderId, 0);
	}

	boolean suppressed(String orderId, Milestone milestone, Channel channel, NotificationSuppressed.Reason reason) {
		return this.suppressed.getOrDefault(new Key(orderId, milestone, channel), List.of()).contains(reason);
	}

	/** Whether tracking-service published that the order's parcel moved to the status. */
	boolean reached(String orderId, TrackingStatus status) {
		return this.statuses.getOrDefault(orderId, Set.of()).contains(status);
	}

	int refunds(String returnId) {
		return this.refunds.getOrDefault(returnId, 0);
	}

	private static String text(Map<String, Object> listing, String field) {
		var value = listing.get(field);
		return value == null ? null : value.toString();
	}

	/** The answer's field as text, or null. */
	static String text(JsonNode node, String... path) {
		var at = node;
		for (var field : path) {
			if (at == null || at.isNull()) {
				return null;
			}
			at = at.get(field);
		}
		return at == null || at.isNull() ? null : at.asString();
	}

}
