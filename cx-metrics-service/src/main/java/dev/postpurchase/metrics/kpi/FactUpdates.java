package dev.postpurchase.metrics.kpi;

import java.util.UUID;

import org.springframework.data.mongodb.core.query.Update;

/** The checks and update pieces the sections' facts share. */
public final class FactUpdates {

	private FactUpdates() {
	}

	/**
	 * Refuses an event that names no entity or has no event id: it cannot be kept, so it goes to the
	 * dead-letter topic.
	 * @param what the ids the event should name, for the message ({@code shipment/exception id})
	 */
	public static void requireIds(String id, UUID eventId, String what) {
		if (id == null || id.isBlank() || eventId == null) {
			throw new IllegalArgumentException("An event without " + what + " or event id (" + eventId + ")");
		}
	}

	/** Sets the field when the event tells the value; an unknown value leaves the fact's as it is. */
	public static void setIfKnown(Update update, String field, Object value) {
		if (value != null) {
			update.set(field, value);
		}
	}

	/** Sets the field on a new fact only, when the event tells the value: another event owns it. */
	public static void setOnInsertIfKnown(Update update, String field, Object value) {
		if (value != null) {
			update.setOnInsert(field, value);
		}
	}

}
