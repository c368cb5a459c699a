package dev.postpurchase.contracts.exception;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.PromiseState;

/**
 * A delivery problem was detected, proactively, before the customer has to ask. Stays open until a
 * {@link DeliveryExceptionResolved} with the same {@code exceptionId}.
 *
 * @param newEstimate best known delivery estimate, if any
 * @param severity how urgently it needs a person
 * @param promiseState the shipment against its delivery promise when the exception was raised
 */
public record DeliveryExceptionRaised(UUID eventId, String orderId, Instant occurredAt, String exceptionId,
		String shipmentId, String carrier, ExceptionKind kind, ExceptionReason reason, String detail,
		DeliveryPromise promise, Instant newEstimate, Severity severity, PromiseState promiseState) implements Event {

	public static final String TYPE = "dev.postpurchase.delivery-exception.raised.v1";

}
