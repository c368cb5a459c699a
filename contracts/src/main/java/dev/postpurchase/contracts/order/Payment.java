package dev.postpurchase.contracts.order;

/**
 * How the order was paid: what a refund is made against.
 *
 * @param provider the payment provider, lower case, for example {@code stripe}
 * @param reference the provider's id of the payment, for example a Stripe PaymentIntent {@code pi_...}
 */
public record Payment(String provider, String reference) {

}
