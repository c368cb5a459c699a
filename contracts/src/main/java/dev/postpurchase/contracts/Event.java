package dev.postpurchase.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event of the catalog carries. The event id is the CloudEvents {@code ce_id} and the
 * idempotency key of every consumer.
 */
public interface Event {

	UUID eventId();

	String orderId();

	Instant occurredAt();

	/** The Kafka record key: the order id, so one order's events are ordered on one partition. */
	default String key() {
		return orderId();
	}

}
