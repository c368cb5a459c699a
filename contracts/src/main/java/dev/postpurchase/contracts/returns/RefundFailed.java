package dev.postpurchase.contracts.returns;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.Money;

/**
 * The payment provider did not refund. {@code errorCode} is the provider's code (for example
 * Stripe's {@code card_declined}, or {@code HTTP_503} when it answered with no code), never its
 * message; {@code willRetry} false means the refund is given up and needs an agent.
 *
 * @param attempts refund attempts so far, this one included
 */
public record RefundFailed(UUID eventId, String orderId, Instant occurredAt, String returnId, String refundId,
		Money amount, String errorCode, int attempts, boolean willRetry) implements Event {

	public static final String TYPE = "dev.postpurchase.refund.failed.v1";

}
