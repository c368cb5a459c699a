package dev.postpurchase.contracts.returns;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/**
 * A return was approved, by policy or by an agent. For mail-in returns {@code label} carries the
 * return parcel's carrier and tracking number, which tracking-service follows back.
 */
public record ReturnApproved(UUID eventId, String orderId, Instant occurredAt, String returnId, String customerId,
		ReturnMethod method, ReturnLabel label, boolean automatic, String approvedBy) implements Event {

	public static final String TYPE = "dev.postpurchase.return.approved.v1";

	/** The prepaid return label. */
	public record ReturnLabel(String carrier, String trackingNumber, String labelUrl) {

	}

}
