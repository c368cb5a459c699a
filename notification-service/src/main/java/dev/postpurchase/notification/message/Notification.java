package dev.postpurchase.notification.message;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationSuppressed.Reason;
import dev.postpurchase.kit.outbox.OutboxEntry;

/**
 * The ledger entry of one message: one per (order, milestone, channel), its id made of the three,
 * so inserting it is the claim that makes a message go out at most once. Holds no contact data and
 * no rendered text: those are read and rendered when the message is sent.
 *
 * @param notificationId the id the events use for this message
 * @param attempts the attempts to send started so far (0 while held or deferred)
 * @param details what the triggering event told, for the text
 * @param fallbacks the channels to use, in order, when this one's provider is unavailable
 * @param urgent whether the message is of urgency HIGH (not held by the daily cap)
 * @param counted whether the message was counted against the order's daily cap already
 * @param nextAttemptAt while PENDING: when the message is due (at once, after the collapse window,
 *     at the end of quiet hours, or for a retry), or the end of the lease of the attempt under way
 * @param deferredUntil set when the message was deferred to the end of the customer's quiet hours
 */
@Document(Notifications.COLLECTION)
public record Notification(@Id String id, String notificationId, String orderId, String customerId, Milestone milestone,
		Channel channel, Status status, Reason reason, String template, String locale, String providerMessageId,
		int attempts, String lastError, MessageDetails details, List<Channel> fallbacks, boolean urgent,
		boolean counted, Instant createdAt, Instant nextAttemptAt, Instant deferredUntil, Instant sentAt, Instant updatedAt,
		List<String> appliedEvents, List<OutboxEntry> outbox) {

	/** Where a message stands. */
	public enum Status {

		/** Claimed, not sent yet (being sent, held, deferred, or waiting for a retry). */
		PENDING,

		/** Handed to the provider. */
		SENT,

		/** Deliberately not sent; {@link Notification#reason()} says why. */
		SUPPRESSED,

		/** Given up: the provider refused it for good, or retries expired. */
		FAILED

	}

	/** The ledger id of a message. */
	public static String idOf(String orderId, Milestone milestone, Channel channel) {
		return orderId + ":" + milestone + ":" + channel;
	}

	/** The fields a claim decides; the rest is filled in as the message goes. */
	record Claim(String orderId, String customerId, Milestone milestone, Channel channel, MessageDetails details,
			List<Channel> fallbacks, boolean urgent, boolean counted) {

		/** The entry this claim inserts. */
		Notification entry(String notificationId, Status status, Reason reason, int attempts, String lastError,
				Instant now, Instant nextAttemptAt, Instant deferredUntil, String eventId, List<OutboxEntry> outbox) {
			return new Notification(idOf(orderId, milestone, channel), notificationId, orderId, customerId, milestone,
					channel, status, reason, null, null, null, attempts, lastError, details, List.copyOf(fallbacks),
					urgent, counted, now, nextAttemptAt, deferredUntil, null, now, new java.util.ArrayList<>(List.of(eventId)),
					new java.util.ArrayList<>(outbox));
		}

	}

}
