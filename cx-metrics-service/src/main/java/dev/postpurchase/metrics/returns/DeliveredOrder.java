package dev.postpurchase.metrics.returns;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The units of one order that reached the customer, in {@code delivered_orders}: the denominator of
 * the return rate. Built from OrderPlaced and the order's outbound ShipmentDelivered in whatever order
 * they came. Nothing personal.
 *
 * @param units the sum of the order's line quantities, {@code null} while OrderPlaced is not known
 * @param salesChannel the order's sales channel
 * @param deliveredAt the earliest outbound delivery of the order, {@code null} before
 */
@Document(ReturnFacts.DELIVERED_ORDERS)
record DeliveredOrder(@Id String orderId, Integer units, String salesChannel, Instant deliveredAt) {

}
