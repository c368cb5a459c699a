package dev.postpurchase.metrics.notification;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the notification KPIs know of one message, in {@code notification_facts}, built from
 * NotificationSent, NotificationFailed, NotificationSuppressed and NotificationEngaged in whatever order
 * they came. Nothing personal: no customer id, no address, no provider message id.
 *
 * @param channel {@code EMAIL}, {@code SMS} or {@code WHATSAPP}
 * @param sentAt when it was handed to the provider (earliest), {@code null} when not (yet) known
 * @param failedAt when a send failed for good ({@code willRetry} false; earliest)
 * @param suppressedAt when it was deliberately not sent (earliest; quiet-hour deferrals are not kept)
 * @param reason why it was suppressed
 * @param deliveredAt the first delivery receipt (SMS, WhatsApp only)
 * @param openedAt the first open
 * @param clickedAt the first click
 */
@Document(NotificationFacts.COLLECTION)
record NotificationFact(@Id String notificationId, String orderId, String channel, String milestone, Instant sentAt,
		Instant failedAt, Instant suppressedAt, String reason, Instant deliveredAt, Instant openedAt,
		Instant clickedAt) {

}
