package dev.postpurchase.order.orders;

/**
 * A new order was stored (an in-process Spring event, not a Kafka one): lets other features of the
 * service react without the order model knowing them.
 */
public record OrderAccepted(OrderId orderId, String source) {

}
