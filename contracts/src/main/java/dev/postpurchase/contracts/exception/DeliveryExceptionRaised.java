package dev.postpurchase.contracts.exception;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.shipment.ExceptionReason;

/**
 * A delivery problem was detected, proactively, before the customer has to ask.
 *
 * @param newEstimate best known delivery estimate, if any
 */
public record DeliveryExceptionRaised(UUID eventId, String orderId, Instant occurredAt, String exceptionId,
		String shipmentId, String carrier, ExceptionKind kind, ExceptionReason reason, String detail,
		DeliveryPromise promise, Instant newEstimate) implements Event {

	public static final String TYPE = "dev.postpurchase.delivery-exception.raised.v1";

}
