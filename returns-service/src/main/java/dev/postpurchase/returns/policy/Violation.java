package dev.postpurchase.returns.policy;

/**
 * A rule of the return policy that a request breaks. The detail is meant for the customer and the
 * agent: it names items, quantities and dates, never personal data.
 *
 * @param rule one of the constants of this type, for example {@link #RETURN_WINDOW_CLOSED}
 * @param sku the item concerned; {@code null} for rules about the whole order or request
 * @param detail what exactly is wrong, in English
 */
public record Violation(String rule, String sku, String detail) {

	/** The order was cancelled: nothing of it can be returned. */
	public static final String ORDER_CANCELLED = "ORDER_CANCELLED";

	/** No delivery of the order is known yet. */
	public static final String NOT_DELIVERED = "NOT_DELIVERED";

	/** The item's return window ended; the detail names when. */
	public static final String RETURN_WINDOW_CLOSED = "RETURN_WINDOW_CLOSED";

	/** The item was sold as final sale. */
	public static final String FINAL_SALE = "FINAL_SALE";

	/** The order has no such item (or the line names no sku). */
	public static final String UNKNOWN_ITEM = "UNKNOWN_ITEM";

	/** More of the item than was bought and not yet returned. */
	public static final String QUANTITY_EXCEEDED = "QUANTITY_EXCEEDED";

	/**
	 * Every item of this sku bought was returned, or is being returned, already. Only the preview of
	 * what can be returned names it; a request for such an item breaks {@link #QUANTITY_EXCEEDED}.
	 */
	public static final String ALREADY_RETURNED = "ALREADY_RETURNED";

	/** The request names no items. */
	public static final String NO_ITEMS = "NO_ITEMS";

	/** A line asks for fewer than 1 item. */
	public static final String BAD_QUANTITY = "BAD_QUANTITY";

}
