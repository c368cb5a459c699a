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
 * so inserting it is the claim that makes a message go out at most once. Holds no contact data.
 *
 * @param notificationId the id the events use for this message
 * @param nextAttemptAt while PENDING: when the message may be (re)tried, after the lease of the
 *     attempt under way
 */
@Document(Notifications.COLLECTION)
public record Notification(@Id String id, String notificationId, String orderId, String customerId, Milestone milestone,
		Channel channel, Status status, Reason reason, String template, String locale, String providerMessageId,
		int attempts, String lastError, Instant createdAt, Instant nextAttemptAt, Instant sentAt, Instant updatedAt,
		List<String> appliedEvents, List<OutboxEntry> outbox) {

	/** Where a message stands. */
	public enum Status {

		/** Claimed, not sent yet (being sent, or waiting for a retry). */
		PENDING,

		/** Handed to the provider. */
		SENT,

		/** Deliberately not sent; {@link Notification#reason()} says why. */
		SUPPRESSED,

		/** Given up after retries. */
		FAILED

	}

	/** The ledger id of a message. */
	public static String idOf(String orderId, Milestone milestone, Channel channel) {
		return orderId + ":" + milestone + ":" + channel;
	}

}
