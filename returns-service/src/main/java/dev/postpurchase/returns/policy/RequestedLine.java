package dev.postpurchase.returns.policy;

/**
 * An item the customer asks to return, and how many of it.
 *
 * @param sku as on the order's line
 * @param quantity at least 1
 */
public record RequestedLine(String sku, int quantity) {

}
