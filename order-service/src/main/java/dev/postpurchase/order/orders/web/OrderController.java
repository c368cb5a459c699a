package dev.postpurchase.order.orders.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.order.OrderCancelled.CancelReason;
import dev.postpurchase.contracts.order.SupportContactLogged.ContactChannel;
import dev.postpurchase.contracts.order.SupportContactLogged.ContactReason;
import dev.postpurchase.order.orders.Contact;
import dev.postpurchase.order.orders.FulfillmentRequest;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.order.orders.OrderManagement;
import dev.postpurchase.order.orders.OrderQueries;
import dev.postpurchase.order.orders.OrderStatus;
import dev.postpurchase.kit.web.CursorPage;
import dev.postpurchase.kit.web.Problems;
import reactor.core.publisher.Mono;

/**
 * The orders API for platforms (placing, cancelling, fulfilling) and support agents (reading,
 * logging contacts).
 */
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

	private final OrderManagement management;

	private final OrderQueries queries;

	OrderController(OrderManagement management, OrderQueries queries) {
		this.management = management;
		this.queries = queries;
	}

	/** 201 with the new order, or 200 with the stored one when this platform order is already known. */
	@PostMapping
	Mono<ResponseEntity<OrderView>> place(@RequestBody InboundOrder order) {
		return management.place(order, "api").map(placement -> {
			var view = OrderView.of(placement.order());
			return placement.created()
					? ResponseEntity.created(URI.create("/api/v1/orders/" + view.id())).body(view)
					: ResponseEntity.ok(view);
		});
	}

	@GetMapping("/{id}")
	Mono<OrderView> order(@PathVariable String id) {
		return management.find(new OrderId(id))
			.switchIfEmpty(Mono.error(() -> Problems.notFound("Order " + id + " not found")))
			.map(OrderView::of);
	}

	@GetMapping
	Mono<CursorPage<OrderView>> orders(@RequestParam(required = false) String customerId,
			@RequestParam(required = false) OrderStatus status, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = "20") int limit) {
		if (customerId == null && status == null) {
			return Mono.error(Problems.badRequest("customerId or status: at least one filter is required"));
		}
		if (limit < 1 || limit > OrderQueries.MAX_LIMIT) {
			return Mono.error(Problems.badRequest("limit: must be between 1 and " + OrderQueries.MAX_LIMIT));
		}
		return queries.find(customerId, status, cursor, limit).map(page -> page.map(OrderView::of));
	}

	@PostMapping("/{id}/cancel")
	Mono<OrderView> cancel(@PathVariable String id, @RequestBody(required = false) CancelRequest request) {
		var reason = request == null || request.reason() == null ? CancelReason.OTHER : request.reason();
		return management.cancel(new OrderId(id), reason).map(OrderView::of);
	}

	@PostMapping("/{id}/fulfillments")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<OrderView> fulfill(@PathVariable String id, @RequestBody FulfillmentRequest request) {
		return management.ship(new OrderId(id), request).map(OrderView::of);
	}

	@PostMapping("/{id}/contacts")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Contact> logContact(@PathVariable String id, @RequestBody ContactRequest request) {
		if (request.channel() == null || request.reason() == null || request.resolvedOnFirstContact() == null) {
			return Mono.error(Problems.badRequest("channel, reason and resolvedOnFirstContact: required"));
		}
		return management.logContact(new OrderId(id), new Contact(null, request.channel(), request.reason(),
				request.resolvedOnFirstContact(), request.agentId(), null));
	}

	record CancelRequest(CancelReason reason) {
	}

	record ContactRequest(ContactChannel channel, ContactReason reason, Boolean resolvedOnFirstContact,
			String agentId) {
	}

}
