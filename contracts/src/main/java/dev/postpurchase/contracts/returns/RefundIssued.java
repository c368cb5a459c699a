package dev.postpurchase.contracts.returns;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.Money;

/**
 * Money went back to the customer, to the original payment or as store credit.
 *
 * @param providerRefundId the payment provider's refund id (for example Stripe's {@code re_...})
 */
public record RefundIssued(UUID eventId, String orderId, Instant occurredAt, String returnId, String refundId,
		String customerId, Money amount, ReturnOutcome outcome, String providerRefundId) implements Event {

	public static final String TYPE = "dev.postpurchase.refund.issued.v1";

}
