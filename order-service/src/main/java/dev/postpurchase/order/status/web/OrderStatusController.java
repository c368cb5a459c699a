package dev.postpurchase.order.status.web;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.order.status.OrderStatusReport;
import dev.postpurchase.order.status.OrderStatusService;
import reactor.core.publisher.Mono;

/** The support agent's one-stop answer to "where is my order?". */
@RestController
class OrderStatusController {

	private final OrderStatusService status;

	OrderStatusController(OrderStatusService status) {
		this.status = status;
	}

	@GetMapping("/api/v1/orders/{id}/status")
	Mono<OrderStatusReport> status(@PathVariable String id) {
		return status.report(id);
	}

}
