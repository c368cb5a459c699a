package dev.postpurchase.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/**
 * A message was deliberately not sent, and why; or, with reason {@code QUIET_HOURS}, not sent yet.
 *
 * @param customerId {@code null} when the order's customer is not known (no OrderPlaced seen)
 * @param deferredUntil only with {@code QUIET_HOURS}: when the message will be sent, after the
 *     customer's quiet hours; a NotificationSent (or NotificationFailed) follows with the same
 *     {@code notificationId}
 */
public record NotificationSuppressed(UUID eventId, String orderId, Instant occurredAt, String notificationId,
		String customerId, Channel channel, Milestone milestone, Reason reason, Instant deferredUntil) implements Event {

	/** A suppression that is final (every reason but {@code QUIET_HOURS}). */
	public NotificationSuppressed(UUID eventId, String orderId, Instant occurredAt, String notificationId,
			String customerId, Channel channel, Milestone milestone, Reason reason) {
		this(eventId, orderId, occurredAt, notificationId, customerId, channel, milestone, reason, null);
	}

	public static final String TYPE = "dev.postpurchase.notification.suppressed.v1";

	/** Why a message was not sent. */
	public enum Reason {

		NO_CONSENT, OPTED_OUT, NO_CONTACT_DATA, DUPLICATE, COLLAPSED, DAILY_CAP, ERASED, QUIET_HOURS

	}

}
