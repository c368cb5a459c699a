package dev.postpurchase.metrics.support;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An order as the support KPIs count it, in {@code orders_placed}, from OrderPlaced: when it was placed
 * and through which sales channel. Nothing personal.
 *
 * @param placedAt the order's {@code placedAt}, or the event's time when it tells none
 * @param salesChannel {@code null} when the order told none
 */
@Document(SupportFacts.ORDERS)
record PlacedOrder(@Id String orderId, Instant placedAt, String salesChannel) {

}
