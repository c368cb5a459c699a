package dev.postpurchase.order.customer.web;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.order.orders.OrderManagement;
import dev.postpurchase.order.status.OrderStatusService;
import reactor.core.publisher.Mono;

/**
 * The customer's view of an order, behind a signed tracking link (no login), and the agent's way to
 * hand a customer such a link.
 */
@RestController
class CustomerOrderController {

	private static final Duration LONGEST_LINK = Duration.ofDays(90);

	private final CustomerLinks links;

	private final OrderStatusService status;

	private final OrderManagement orders;

	CustomerOrderController(CustomerLinks links, OrderStatusService status, OrderManagement orders) {
		this.links = links;
		this.status = status;
		this.orders = orders;
	}

	/** The order of a tracking link; the token must be for exactly this order. */
	@GetMapping("/api/v1/customer/orders/{orderId}")
	Mono<CustomerOrderView> order(@PathVariable String orderId, @RequestParam(required = false) String token) {
		return Mono.fromRunnable(() -> links.authorize(token, LinkPurpose.TRACKING, orderId))
			.then(Mono.zip(status.report(orderId), orders.find(new OrderId(orderId))))
			.map(found -> CustomerOrderView.of(found.getT1(), found.getT2(),
					new CustomerOrderView.Links(links.issue(orderId, LinkPurpose.RETURN),
							links.issue(orderId, LinkPurpose.PREFERENCES))));
	}

	/** A signed link token for a customer (scope {@code support}), for example to resend a tracking link. */
	@PostMapping("/api/v1/orders/{orderId}/customer-links")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Map<String, String>> issue(@PathVariable String orderId, @RequestBody LinkRequest request) {
		if (request.purpose() == null) {
			return Mono.error(Problems.badRequest("purpose: required, one of TRACKING, RETURN, SURVEY, PREFERENCES"));
		}
		var validFor = request.validForDays() == null ? null : Duration.ofDays(request.validForDays());
		if (validFor != null && (validFor.isNegative() || validFor.isZero() || validFor.compareTo(LONGEST_LINK) > 0)) {
			return Mono.error(Problems.badRequest("validForDays: between 1 and " + LONGEST_LINK.toDays()));
		}
		return orders.find(new OrderId(orderId))
			.switchIfEmpty(Mono.error(() -> Problems.notFound("Order " + orderId + " not found")))
			.map(order -> Map.of("purpose", request.purpose().name(), "token",
					validFor == null ? links.issue(orderId, request.purpose())
							: links.issue(orderId, request.purpose(), validFor)));
	}

	record LinkRequest(LinkPurpose purpose, Integer validForDays) {
	}

}
