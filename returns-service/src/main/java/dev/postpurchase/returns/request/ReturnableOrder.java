package dev.postpurchase.returns.request;

import java.util.List;

import dev.postpurchase.returns.order.OrderFacts;
import dev.postpurchase.returns.policy.Returnable;

/**
 * An order's facts with what can be returned of each of its items now, one per sku in the order's
 * line order ({@link ReturnDesk#returnable}).
 */
public record ReturnableOrder(OrderFacts order, List<Returnable> items) {

	public ReturnableOrder {
		items = List.copyOf(items);
	}

}
