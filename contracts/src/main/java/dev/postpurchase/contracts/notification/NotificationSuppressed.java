package dev.postpurchase.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/** A message was deliberately not sent, and why. */
public record NotificationSuppressed(UUID eventId, String orderId, Instant occurredAt, String notificationId,
		String customerId, Channel channel, Milestone milestone, Reason reason) implements Event {

	public static final String TYPE = "dev.postpurchase.notification.suppressed.v1";

	/** Why a message was not sent. */
	public enum Reason {

		NO_CONSENT, OPTED_OUT, NO_CONTACT_DATA, DUPLICATE, COLLAPSED, DAILY_CAP, ERASED

	}

}
