package dev.postpurchase.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/** A message was handed to the provider (SMTP server, SMS or WhatsApp API). */
public record NotificationSent(UUID eventId, String orderId, Instant occurredAt, String notificationId,
		String customerId, Channel channel, Milestone milestone, String template, String locale,
		String providerMessageId) implements Event {

	public static final String TYPE = "dev.postpurchase.notification.sent.v1";

}
