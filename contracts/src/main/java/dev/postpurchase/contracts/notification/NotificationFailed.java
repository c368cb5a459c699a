package dev.postpurchase.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/**
 * A send failed. {@code willRetry} tells whether it is kept for a later attempt; {@code errorCode}
 * is the provider's code, never a message that could hold personal data.
 */
public record NotificationFailed(UUID eventId, String orderId, Instant occurredAt, String notificationId,
		String customerId, Channel channel, Milestone milestone, String errorCode, int attempts, boolean willRetry)
		implements Event {

	public static final String TYPE = "dev.postpurchase.notification.failed.v1";

}
