package dev.postpurchase.order.customer.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.returns.ReturnMethod;
import dev.postpurchase.contracts.returns.ReturnOutcome;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.PromiseState;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.order.orders.Order;
import dev.postpurchase.order.orders.OrderStatus;
import dev.postpurchase.order.status.OrderStatusReport;
import dev.postpurchase.order.status.OrderStatusView.CheckpointSummary;
import dev.postpurchase.order.status.OrderStatusView.ShipmentSummary;

/**
 * What a customer sees of their order through a tracking link: no contact data, no ids of other
 * systems, nothing the link's holder should not know. {@code locale} (BCP 47) and {@code timeZone}
 * are the customer's from checkout, for the page to speak their language and show their time; all
 * instants are UTC.
 */
record CustomerOrderView(String orderId, OrderStatus status, Instant placedAt, DeliveryPromise promise,
		String locale, ZoneId timeZone, List<Item> items, List<Parcel> parcels, List<Issue> openIssues,
		List<ReturnState> returns, Links links) {

	/**
	 * Link tokens the tracking page hands on, so the customer can go from it to the return request and
	 * the notification preferences of this order (the holder of the tracking link is the customer the
	 * messages went to, who has the preferences link already).
	 */
	record Links(String returnToken, String preferencesToken) {
	}

	private static final Comparator<Checkpoint> NEWEST_FIRST = Comparator
		.comparing(Checkpoint::occurredAt, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(checkpoint -> checkpoint.status() == null ? -1 : checkpoint.status().rank())
		.reversed();

	record Item(String name, int quantity) {
	}

	/**
	 * A parcel, going to the customer ({@code OUTBOUND}) or coming back ({@code RETURN}), with its
	 * checkpoints newest first: those that changed its status, at most 50.
	 */
	record Parcel(String carrier, String trackingNumber, Direction direction, TrackingStatus status,
			Checkpoint lastCheckpoint, PromiseState promiseState, Instant estimatedDelivery, Instant deliveredAt,
			List<Checkpoint> checkpoints) {
	}

	/**
	 * A carrier scan: time, status with the carrier's sub-status and reason codes (for a translated
	 * text), the carrier's own text, and the depot or city.
	 */
	record Checkpoint(Instant occurredAt, TrackingStatus status, String subStatus, ExceptionReason reason,
			String message, Place location) {
	}

	/** A depot or city, never a postal code. */
	record Place(String city, String country, String timeZone) {
	}

	/**
	 * An open delivery exception on the parcel with {@code trackingNumber}: what kind, why, and the
	 * carrier's new estimate when there is one. The agents' free-text detail stays out.
	 */
	record Issue(ExceptionKind kind, ExceptionReason reason, Instant newEstimate, Instant raisedAt,
			String trackingNumber) {
	}

	/** A return: where it stands, how it travels, what the customer gets, and its parcel when labelled. */
	record ReturnState(String state, ReturnMethod method, ReturnOutcome outcome, String trackingNumber) {
	}

	static CustomerOrderView of(OrderStatusReport report, Order order, Links links) {
		var customer = order.customer();
		var items = order.lines().stream().map(line -> new Item(line.name(), line.quantity())).toList();
		var trackingNumbers = report.shipments().stream()
			.filter(s -> s.shipmentId() != null && s.trackingNumber() != null)
			.collect(Collectors.toMap(ShipmentSummary::shipmentId, ShipmentSummary::trackingNumber, (a, b) -> a));
		return new CustomerOrderView(report.orderId(), report.status(), report.placedAt(), report.promise(),
				customer == null ? null : customer.locale(), customer == null ? null : customer.timeZone(), items,
				report.shipments().stream().map(CustomerOrderView::parcel).toList(),
				report.openExceptions().stream().map(e -> new Issue(e.kind(), e.reason(), e.newEstimate(),
						e.raisedAt(), trackingNumbers.get(e.shipmentId()))).toList(),
				report.returns().stream().map(r -> new ReturnState(r.state().name(), r.method(), r.outcome(),
						r.returnTrackingNumber())).toList(),
				links);
	}

	private static Parcel parcel(ShipmentSummary shipment) {
		var checkpoints = shipment.checkpoints() == null ? List.<Checkpoint>of()
				: shipment.checkpoints().stream().map(CustomerOrderView::checkpoint).sorted(NEWEST_FIRST).toList();
		return new Parcel(shipment.carrier(), shipment.trackingNumber(), shipment.direction(), shipment.status(),
				shipment.lastCheckpoint() == null ? null
						: checkpoint(CheckpointSummary.of(shipment.lastCheckpoint())),
				shipment.promiseState(), shipment.estimatedDelivery(), shipment.deliveredAt(), checkpoints);
	}

	private static Checkpoint checkpoint(CheckpointSummary scan) {
		var place = scan.location();
		return new Checkpoint(scan.occurredAt(), scan.status(), scan.subStatus(), scan.reason(), scan.message(),
				place == null ? null : new Place(place.city(), place.country(), place.timeZone()));
	}

}
