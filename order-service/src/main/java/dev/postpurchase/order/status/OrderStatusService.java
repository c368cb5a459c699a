package dev.postpurchase.order.status;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Service;

import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.order.orders.Order;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.order.orders.OrderManagement;
import dev.postpurchase.order.status.OrderStatusView.ExceptionSummary;
import dev.postpurchase.order.status.OrderStatusView.NotificationSummary;
import dev.postpurchase.order.status.OrderStatusView.ShipmentSummary;
import reactor.core.publisher.Mono;

/** Joins an order with what the other services reported about it. Two reads by id, no scans. */
@Service
public class OrderStatusService {

	private static final Comparator<ShipmentSummary> LATEST_FIRST = Comparator
		.comparing(ShipmentSummary::updatedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
		.reversed();

	private final OrderManagement orders;

	private final ReactiveMongoTemplate mongo;

	OrderStatusService(OrderManagement orders, ReactiveMongoTemplate mongo) {
		this.orders = orders;
		this.mongo = mongo;
	}

	public Mono<OrderStatusReport> report(String orderId) {
		var order = orders.find(new OrderId(orderId))
			.switchIfEmpty(Mono.error(() -> Problems.notFound("Order " + orderId + " not found")));
		var view = mongo.findById(orderId, OrderStatusView.class).map(Optional::of).defaultIfEmpty(Optional.empty());
		return Mono.zip(order, view).map(found -> report(found.getT1(), found.getT2().orElse(null)));
	}

	private static OrderStatusReport report(Order order, OrderStatusView view) {
		var shipments = values(view == null ? null : view.shipments()).stream().sorted(LATEST_FIRST).toList();
		var exceptions = values(view == null ? null : view.exceptions()).stream()
			.sorted(Comparator.comparing(ExceptionSummary::raisedAt, Comparator.nullsLast(Comparator.naturalOrder())))
			.toList();
		var notifications = new ArrayList<NotificationSummary>(
				view == null || view.notifications() == null ? List.of() : view.notifications());
		Collections.reverse(notifications);
		return new OrderStatusReport(order.id().value(), order.status(), order.salesChannel(),
				order.customer().customerId(), order.placedAt(), order.promise(),
				shipments.isEmpty() ? null : shipments.get(0), shipments,
				exceptions.stream().filter(e -> e.resolvedAt() == null).toList(),
				exceptions.stream().filter(e -> e.resolvedAt() != null).toList(),
				values(view == null ? null : view.returns()), notifications, order.replacementFor());
	}

	private static <T> List<T> values(Map<String, T> map) {
		return map == null ? List.of() : List.copyOf(map.values());
	}

}
