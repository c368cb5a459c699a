package dev.postpurchase.notification.message;

/** The events a notification rule can start from. */
public enum Trigger {

	/** OrderPlaced on {@code order.events}. */
	ORDER_PLACED,

	/** ShipmentStatusChanged to InTransit on {@code shipment.events}. */
	IN_TRANSIT,

	/** ShipmentDelivered on {@code shipment.events}. */
	DELIVERED

}
