package dev.postpurchase.pages.tracking.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import dev.postpurchase.pages.page.Languages;
import dev.postpurchase.pages.page.PageErrors;
import dev.postpurchase.pages.tracking.OrderTracking;
import reactor.core.publisher.Mono;

/**
 * The tracking page behind the TRACKING link of our messages ({@code /track/<orderId>?token=}): the
 * order, each parcel's promise in plain words and its timeline, open delivery problems explained,
 * returns on their way back, and links to the return request, the preferences and support. In the
 * language asked for, else the order's, else the browser's; times in the order's time zone.
 */
@Controller
class TrackingPageController {

	private final PageErrors errors;

	private final OrderTracking tracking;

	private final TrackingPage page;

	TrackingPageController(PageErrors errors, OrderTracking tracking, TrackingPage page) {
		this.errors = errors;
		this.tracking = tracking;
		this.page = page;
	}

	@GetMapping("/track/{orderId}")
	Mono<Rendering> track(@PathVariable String orderId, @RequestParam(required = false) String token,
			@RequestParam(required = false) String lang, ServerWebExchange exchange) {
		if (token == null || token.isBlank()) {
			return errors.linkRefused(exchange);
		}
		return tracking.of(orderId, token)
			.map(order -> page.render(order, orderId, token,
					Languages.choose(lang, order.locale(), exchange.getRequest())));
	}

}
