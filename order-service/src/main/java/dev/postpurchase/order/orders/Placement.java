package dev.postpurchase.order.orders;

/** The outcome of placing an order: {@code created} is false when it was already known. */
public record Placement(Order order, boolean created) {

}
