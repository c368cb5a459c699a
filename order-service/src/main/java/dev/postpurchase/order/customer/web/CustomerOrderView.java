package dev.postpurchase.order.customer.web;

import java.time.Instant;
import java.util.List;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.shipment.Checkpoint;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.PromiseState;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.order.orders.OrderStatus;
import dev.postpurchase.order.status.OrderStatusReport;

/**
 * What a customer sees of their order through a tracking link: no contact data, no ids of other
 * systems, nothing the link's holder should not know.
 */
record CustomerOrderView(String orderId, OrderStatus status, Instant placedAt, DeliveryPromise promise,
		List<Item> items, List<Parcel> parcels, List<Issue> openIssues, List<ReturnState> returns) {

	record Item(String name, int quantity) {
	}

	record Parcel(String carrier, String trackingNumber, TrackingStatus status, Checkpoint lastCheckpoint,
			PromiseState promiseState, Instant estimatedDelivery, Instant deliveredAt) {
	}

	record Issue(ExceptionKind kind, ExceptionReason reason, Instant newEstimate) {
	}

	record ReturnState(String state) {
	}

	static CustomerOrderView of(OrderStatusReport report, List<Item> items) {
		return new CustomerOrderView(report.orderId(), report.status(), report.placedAt(), report.promise(), items,
				report.shipments().stream().map(s -> new Parcel(s.carrier(), s.trackingNumber(), s.status(),
						s.lastCheckpoint(), s.promiseState(), s.estimatedDelivery(), s.deliveredAt())).toList(),
				report.openExceptions().stream().map(e -> new Issue(e.kind(), e.reason(), e.newEstimate())).toList(),
				report.returns().stream().map(r -> new ReturnState(r.state().name())).toList());
	}

}
