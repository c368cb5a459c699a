package dev.postpurchase.contracts.returns;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.postpurchase.contracts.Event;

/** The returned parcel reached the warehouse and each line was inspected. */
public record ReturnReceived(UUID eventId, String orderId, Instant occurredAt, String returnId,
		List<InspectedLine> lines) implements Event {

	public static final String TYPE = "dev.postpurchase.return.received.v1";

	/** The inspection result of one returned line. */
	public record InspectedLine(String sku, int quantity, Condition condition) {

	}

	/** What the warehouse found. */
	public enum Condition {

		OK, DAMAGED, MISSING

	}

}
