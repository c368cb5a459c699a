package dev.postpurchase.contracts.shipment;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Event;

/** The carrier's expected delivery moved; compared with the promise in {@code promiseState}. */
public record DeliveryEstimateRevised(UUID eventId, String orderId, Instant occurredAt, String shipmentId,
		String carrier, Instant previousEstimate, Instant estimatedDelivery, DeliveryPromise promise,
		PromiseState promiseState) implements Event {

	public static final String TYPE = "dev.postpurchase.shipment.estimate-revised.v1";

}
