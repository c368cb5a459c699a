package dev.postpurchase.contracts.returns;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/**
 * The prepaid label of a mail-in return was issued. tracking-service registers the return parcel
 * from it (direction {@code RETURN}, with the {@code returnId}) and follows it back to the warehouse.
 *
 * @param labelUrl where the customer downloads the label (PDF)
 */
public record ReturnLabelIssued(UUID eventId, String orderId, Instant occurredAt, String returnId, String customerId,
		String carrier, String trackingNumber, String labelUrl) implements Event {

	public static final String TYPE = "dev.postpurchase.return.label-issued.v1";

}
