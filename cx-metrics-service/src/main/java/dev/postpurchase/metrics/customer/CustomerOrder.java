package dev.postpurchase.metrics.customer;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An order as the customer KPIs count it, in {@code customer_orders}, from OrderPlaced. Nothing
 * personal: the customer is a pseudonymous key (see {@link CustomerFacts#customerKey}), or the random
 * alias of an erased customer.
 *
 * @param customer the customer's key, or {@code erased-<uuid>} once the customer asked to be forgotten
 * @param placedAt the order's {@code placedAt}, or the event's time when it tells none (earliest)
 * @param salesChannel {@code null} when the order told none
 * @param total the order's total, exact (kept as Decimal128); {@code null} when the order told none
 * @param currency the total's ISO 4217 code; {@code null} when the order told no total
 */
@Document(CustomerFacts.ORDERS)
record CustomerOrder(@Id String orderId, String customer, Instant placedAt, String salesChannel, BigDecimal total,
		String currency) {

}
