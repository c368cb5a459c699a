package dev.postpurchase.returns.request;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.contracts.returns.ReturnMethod;
import dev.postpurchase.contracts.returns.ReturnOutcome;
import dev.postpurchase.contracts.returns.ReturnReason;
import dev.postpurchase.contracts.returns.ReturnReceived.Condition;
import dev.postpurchase.kit.outbox.OutboxEntry;

/**
 * One return of an order: what goes back, why, what the customer wants instead, how the parcel
 * travels, and where it stands. Every change and the event announcing it are one single-document
 * write (the document's outbox), conditional on the state the change starts from. Holds no personal
 * data but the customer's free-text comment, which an erasure removes.
 *
 * @param lines the items going back, priced from the order
 * @param label the prepaid label of a mail-in return, once issued
 * @param inspection what the warehouse found, once received
 * @param refund the money going back, once received
 * @param history every transition, oldest first
 * @param appliedEvents the events (carrier scans) already applied, so a redelivery changes nothing
 */
@Document(Returns.COLLECTION)
public record CustomerReturn(@Id String id, String orderId, String customerId, SalesChannel salesChannel,
		List<Line> lines, ReturnReason reason, String comment, ReturnOutcome outcome, ReturnMethod method,
		ReturnState state, boolean automatic, String decidedBy, String rejection, Label label,
		List<Inspected> inspection, Refund refund, Instant createdAt, Instant updatedAt, Instant receivedAt,
		Instant closedAt, List<Transition> history, List<String> appliedEvents, List<OutboxEntry> outbox) {

	/**
	 * @param unitPriceMinor the price paid per item, in minor units of {@code currency}
	 * @param exchangeSku the variant wanted instead, for an exchange
	 */
	public record Line(String sku, String name, int quantity, long unitPriceMinor, String currency,
			String exchangeSku) {

	}

	/** A prepaid return label. */
	public record Label(String carrier, String trackingNumber, String labelUrl) {

	}

	/** What the warehouse found for one returned item. */
	public record Inspected(String sku, int quantity, Condition condition) {

	}

	/**
	 * The money going back.
	 *
	 * @param refundId our id, also the payment provider's idempotency key: however often a refund
	 *     is tried, it is made once
	 * @param amountMinor in minor units of {@code currency}
	 * @param shippingMinor of which the original shipping refunded
	 * @param feeMinor the restocking fee kept
	 * @param providerRefundId the provider's id (Stripe {@code re_...}) once made
	 * @param nextAttemptAt when a failed refund is tried again; absent when it waits for an agent
	 */
	public record Refund(String refundId, long amountMinor, long shippingMinor, long feeMinor, String currency,
			int attempts, String lastError, Instant nextAttemptAt, String providerRefundId, Instant issuedAt) {

	}

	/** One move of the lifecycle: the state entered, when, and by whom (an agent, the policy, a carrier). */
	public record Transition(ReturnState state, Instant at, String by) {

	}

	/** The value of the returned items, in minor units. */
	public long valueMinor() {
		return lines.stream().mapToLong(line -> line.unitPriceMinor() * line.quantity()).sum();
	}

}
