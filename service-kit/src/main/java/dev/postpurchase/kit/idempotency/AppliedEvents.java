package dev.postpurchase.kit.idempotency;

import java.util.UUID;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Idempotent consumption inside one document: the ids of the last events applied to a document are
 * kept in it, and an update applies only where the event's id is not among them. Condition and
 * record are one atomic single-document write, so a redelivered event changes nothing, without
 * transactions.
 */
public final class AppliedEvents {

	/** The field holding the applied event ids. */
	public static final String FIELD = "appliedEvents";

	/**
	 * How many ids a document remembers. Redeliveries come within a consumer's retry and rebalance
	 * window, long before a single order sees this many newer events.
	 */
	public static final int REMEMBERED = 256;

	private AppliedEvents() {
	}

	/** Matches documents the event has not been applied to yet. */
	public static Criteria notApplied(UUID eventId) {
		return Criteria.where(FIELD).ne(eventId.toString());
	}

	/** Adds the recording of the event to an update. */
	public static Update markApplied(Update update, UUID eventId) {
		update.push(FIELD).slice(-REMEMBERED).each(eventId.toString());
		return update;
	}

}
