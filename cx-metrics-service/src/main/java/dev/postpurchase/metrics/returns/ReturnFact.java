package dev.postpurchase.metrics.returns;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the returns KPIs know of one return, in {@code return_facts}, built from the return's events
 * in whatever order they came. Nothing personal.
 *
 * @param reason the {@link dev.postpurchase.contracts.returns.ReturnReason} name
 * @param units the sum of the requested lines' quantities
 * @param salesChannel the order's sales channel, {@code null} when the request did not tell it
 * @param requestedAt {@code null} while only later events are known
 * @param rejectedAt {@code null} unless rejected
 * @param receivedAt when the parcel reached the warehouse, {@code null} before
 * @param refundedAt the first refund, {@code null} before
 * @param refundAmountMinor the refund in minor units of {@code refundCurrency} (cents for EUR)
 * @param outcome the refund's {@link dev.postpurchase.contracts.returns.ReturnOutcome} name
 */
@Document(ReturnFacts.RETURNS)
record ReturnFact(@Id String returnId, String orderId, Instant requestedAt, String reason, Integer units,
		String salesChannel, Instant rejectedAt, Instant receivedAt, Instant refundedAt, Long refundAmountMinor,
		String refundCurrency, String outcome) {

}
