package dev.postpurchase.notification.message;

/** The events a notification rule can start from. */
public enum Trigger {

	/** OrderPlaced on {@code order.events}. */
	ORDER_PLACED,

	/** OrderCancelled on {@code order.events}. */
	ORDER_CANCELLED,

	/** ShipmentStatusChanged of an outbound parcel to InTransit on {@code shipment.events}. */
	IN_TRANSIT,

	/** ShipmentStatusChanged of an outbound parcel to OutForDelivery. */
	OUT_FOR_DELIVERY,

	/** ShipmentDelivered of an outbound parcel. */
	DELIVERED,

	/**
	 * DeliveryExceptionRaised on {@code delivery-exception.events} about time: LATE, STALLED or
	 * NO_INFO.
	 */
	DELIVERY_LATE,

	/**
	 * DeliveryExceptionRaised about the parcel: FAILED_ATTEMPT, CARRIER_EXCEPTION, PICKUP_EXPIRING or
	 * EXPIRED.
	 */
	DELIVERY_PROBLEM,

	/** ReturnApproved on {@code return.events}. */
	RETURN_APPROVED,

	/** RefundIssued on {@code return.events}. */
	REFUND_ISSUED

}
