package dev.postpurchase.notification.message;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.postpurchase.contracts.notification.Milestone;

/**
 * What a batch of triggers read together ({@link Notifier#prefetch}): the {@link Audience} of each
 * order, and for an order with a single trigger in the batch, the ledger's entries of the milestone
 * that trigger asks for. Three queries for the batch instead of three per message.
 */
public final class Prefetched {

	static final Prefetched NONE = new Prefetched(Map.of(), Map.of());

	private final Map<String, Audience> audiences;

	private final Map<String, Entries> entries;

	/** An order's entries of one milestone, as read with the batch. */
	record Entries(Milestone milestone, List<Notification> found) {

	}

	Prefetched(Map<String, Audience> audiences, Map<String, Entries> entries) {
		// plain maps: asked for a null order id, they answer null (Map.copyOf's would throw)
		this.audiences = Collections.unmodifiableMap(new HashMap<>(audiences));
		this.entries = Collections.unmodifiableMap(new HashMap<>(entries));
	}

	/** The audience of an order read with the batch; {@code null} when it was not among the orders read. */
	Audience audience(String orderId) {
		return audiences.get(orderId);
	}

	/**
	 * The order's entries of {@code milestone} as read with the batch; {@code null} when they were not
	 * read (the order had several triggers in the batch: an earlier one may have claimed since).
	 */
	List<Notification> entries(String orderId, Milestone milestone) {
		var read = entries.get(orderId);
		return read != null && read.milestone() == milestone ? read.found() : null;
	}

}
