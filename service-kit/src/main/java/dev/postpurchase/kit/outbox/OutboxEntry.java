package dev.postpurchase.kit.outbox;

import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.EventCatalog;
import dev.postpurchase.contracts.EventJson;

/**
 * An event waiting in a document's {@code outbox} array to be published. It is written in the same
 * single-document update as the change it announces, so the two cannot be separated by a crash; the
 * payload is kept as the exact JSON to publish.
 */
public record OutboxEntry(String eventId, String type, String topic, String key, String time, String payload) {

	/** The field holding the pending entries in every document with an outbox. */
	public static final String FIELD = "outbox";

	public static OutboxEntry of(Event event) {
		var type = EventCatalog.of(event.getClass());
		// the time as text: a stored date would lose the nanoseconds the payload keeps
		return new OutboxEntry(event.eventId().toString(), type.id(), type.topic(), event.key(),
				event.occurredAt().toString(), EventJson.mapper().writeValueAsString(event));
	}

}
