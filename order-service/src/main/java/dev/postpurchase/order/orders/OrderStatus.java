package dev.postpurchase.order.orders;

/** Where an order stands in order-service's own lifecycle (carrier progress is in the status view). */
public enum OrderStatus {

	PLACED, CONFIRMED, PARTIALLY_SHIPPED, SHIPPED, CANCELLED

}
