package dev.postpurchase.returns.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What of one item (sku) of an order can be returned now, as {@link Eligibility#returnable} sees it.
 *
 * @param purchased how many were bought, over all the sku's lines
 * @param returned how many of them earlier requests returned or are returning (at most
 *        {@code purchased})
 * @param returnable how many a request may still name: {@code purchased - returned} when nothing
 *        blocks the item, else 0
 * @param lastDay the last day the item can be returned, in the customer's time zone (UTC when
 *        unknown); {@code null} while the order is not delivered
 * @param windowClosesAt the first instant the item can no longer be returned; {@code null} while the
 *        order is not delivered
 * @param blockedBy every rule that keeps the item from being returned; empty when it can be
 */
public record Returnable(String sku, int purchased, int returned, int returnable, LocalDate lastDay,
		Instant windowClosesAt,
		List<Violation> blockedBy) {

	public Returnable {
		blockedBy = List.copyOf(blockedBy);
	}

	/** Whether a request may name this item (at most {@link #returnable()} of it). */
	public boolean eligible() {
		return blockedBy.isEmpty();
	}

}
