package dev.postpurchase.contracts.order;

/**
 * Set on the replacement order of an exchange: the original order and the return that was
 * exchanged.
 */
public record ReplacementOf(String orderId, String returnId) {

}
