package dev.postpurchase.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/** The provider or the customer reported what happened to a sent message. */
public record NotificationEngaged(UUID eventId, String orderId, Instant occurredAt, String notificationId,
		Channel channel, Engagement engagement) implements Event {

	public static final String TYPE = "dev.postpurchase.notification.engaged.v1";

	/** Delivery receipt, open or click. */
	public enum Engagement {

		DELIVERED, OPENED, CLICKED

	}

}
