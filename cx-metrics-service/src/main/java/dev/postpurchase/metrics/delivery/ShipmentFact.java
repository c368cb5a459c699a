package dev.postpurchase.metrics.delivery;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the delivery KPIs know of one outbound parcel, in {@code shipments}, built from
 * ShipmentRegistered and ShipmentDelivered in whatever order they came. Nothing personal.
 *
 * @param salesChannel the order's sales channel, {@code null} when no event told it
 * @param registeredAt when tracking started; {@code null} while only the delivery is known
 * @param promisedBy the end of the delivery promise ({@code promise.by}), {@code null} without one
 * @param deliveredAt the first delivery, {@code null} while on its way
 */
@Document(DeliveryFacts.SHIPMENTS)
record ShipmentFact(@Id String shipmentId, String orderId, String carrier, String salesChannel, Instant registeredAt,
		Instant promisedBy, Instant deliveredAt) {

}
