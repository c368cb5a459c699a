package dev.postpurchase.tracking.shipment.web;

import java.time.Instant;
import java.util.List;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.shipment.Checkpoint;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.PromiseState;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.tracking.shipment.Shipment;

/** A shipment as the API shows it, with its history in carrier time order. */
record ShipmentView(String shipmentId, String orderId, String carrier, String trackingNumber, Direction direction,
		String returnId, TrackingStatus status, String subStatus, PromiseState promiseState, DeliveryPromise promise,
		Instant estimatedDelivery, Instant deliveredAt, Instant lastCheckpointAt, Instant registeredAt,
		List<Checkpoint> checkpoints) {

	static ShipmentView of(Shipment shipment) {
		return new ShipmentView(shipment.shipmentId(), shipment.orderId(), shipment.carrier(), shipment.trackingNumber(),
				shipment.direction(), shipment.returnId(), shipment.status(), shipment.subStatus(),
				shipment.promiseState(), shipment.promise(), shipment.estimatedDelivery(), shipment.deliveredAt(),
				shipment.lastCheckpointAt(), shipment.registeredAt(), shipment.checkpoints());
	}

}
