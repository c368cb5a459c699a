package dev.postpurchase.order.orders.web;

import java.time.Instant;
import java.util.List;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.order.OrderLine;
import dev.postpurchase.contracts.order.Payment;
import dev.postpurchase.contracts.order.ReplacementOf;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.order.orders.Fulfillment;
import dev.postpurchase.order.orders.Order;
import dev.postpurchase.order.orders.OrderStatus;

/**
 * An order as the API shows it. Contact data and the address stay inside the service: agents see
 * the customer by id. {@code payment} is absent when the platform did not tell it,
 * {@code replacementFor} only on the replacement order of an exchange.
 */
record OrderView(String id, String source, String externalOrderId, SalesChannel salesChannel, OrderStatus status,
		String customerId, List<OrderLine> lines, Money total, DeliveryPromise promise, Instant placedAt,
		Instant updatedAt, List<Fulfillment> fulfillments, Payment payment, ReplacementOf replacementFor) {

	static OrderView of(Order order) {
		return new OrderView(order.id().value(), order.source(), order.externalOrderId(), order.salesChannel(),
				order.status(), order.customer().customerId(), order.lines(), order.total(), order.promise(),
				order.placedAt(), order.updatedAt(), order.fulfillments(), order.payment(), order.replacementFor());
	}

}
