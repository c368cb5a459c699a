package dev.postpurchase.order.status;

import java.time.Instant;
import java.util.List;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.order.ReplacementOf;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.order.orders.OrderStatus;
import dev.postpurchase.order.status.OrderStatusView.ExceptionSummary;
import dev.postpurchase.order.status.OrderStatusView.NotificationSummary;
import dev.postpurchase.order.status.OrderStatusView.ReturnSummary;
import dev.postpurchase.order.status.OrderStatusView.ShipmentSummary;

/**
 * Everything an agent needs about an order in one answer: the order, its shipments with the latest
 * one first, the delivery promise state, open delivery exceptions, returns, and the last
 * notifications (newest first). {@code replacementFor} names the original order and the return when
 * this order is the replacement order of an exchange.
 */
public record OrderStatusReport(String orderId, OrderStatus status, SalesChannel salesChannel, String customerId,
		Instant placedAt, DeliveryPromise promise, ShipmentSummary latestShipment, List<ShipmentSummary> shipments,
		List<ExceptionSummary> openExceptions, List<ExceptionSummary> resolvedExceptions,
		List<ReturnSummary> returns, List<NotificationSummary> lastNotifications, ReplacementOf replacementFor) {

}
