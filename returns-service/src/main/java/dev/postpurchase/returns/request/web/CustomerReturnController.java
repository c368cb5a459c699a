package dev.postpurchase.returns.request.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.returns.policy.ReturnPolicy;
import dev.postpurchase.returns.request.CustomerReturn;
import dev.postpurchase.returns.request.ReturnDesk;
import dev.postpurchase.returns.request.Returns;
import reactor.core.publisher.Mono;

/**
 * A customer's returns, behind the RETURN link of their order (no login): what of the order can be
 * returned (the return page, before a request), a return's state, and the prepaid label to print. A
 * link for another order gets 403 and reveals nothing; an unknown return gets the same 403, so ids
 * cannot be probed.
 */
@RestController
class CustomerReturnController {

	private final Returns returns;

	private final ReturnDesk desk;

	private final ReturnPolicy policy;

	private final CustomerLinks links;

	CustomerReturnController(Returns returns, ReturnDesk desk, ReturnPolicy policy, CustomerLinks links) {
		this.returns = returns;
		this.desk = desk;
		this.policy = policy;
		this.links = links;
	}

	/**
	 * What of the order can be returned now, by the rules a request ({@code POST /api/v1/returns}) is
	 * checked with: the link is checked before anything is read (401 invalid or expired, 403 for
	 * another order or purpose); 404 when the order is not known here, as for a request. With a
	 * TRACKING link token for the same order, the way back to its tracking page.
	 */
	@GetMapping("/api/v1/customer/orders/{orderId}/returnable")
	Mono<ReturnableView> returnable(@PathVariable String orderId, @RequestParam(required = false) String token) {
		links.authorize(token, LinkPurpose.RETURN, orderId);
		return desk.returnable(orderId).map(found -> ReturnableView.of(found, policy,
				new ReturnableView.Links(links.issue(orderId, LinkPurpose.TRACKING))));
	}

	@GetMapping("/api/v1/customer/returns/{returnId}")
	Mono<ReturnView> one(@PathVariable String returnId, @RequestParam(required = false) String token) {
		return authorized(returnId, token).map(found -> ReturnView.of(found).forCustomer());
	}

	/** The label as a printable page: carrier, tracking number (as the barcode's text), return and order. */
	@GetMapping(value = "/api/v1/customer/returns/{returnId}/label", produces = MediaType.TEXT_HTML_VALUE)
	Mono<String> label(@PathVariable String returnId, @RequestParam(required = false) String token) {
		return authorized(returnId, token).flatMap(found -> found.label() == null
				? Mono.error(Problems.notFound("Return " + returnId + " has no label"))
				: Mono.just(page(found)));
	}

	private Mono<CustomerReturn> authorized(String returnId, String token) {
		var orderId = links.orderOf(token, LinkPurpose.RETURN);
		return returns.find(returnId)
			.filter(found -> found.orderId().equals(orderId))
			.switchIfEmpty(Mono.error(() -> Problems.of(org.springframework.http.HttpStatus.FORBIDDEN,
					"This link does not grant access to this return")));
	}

	private static String page(CustomerReturn found) {
		var label = found.label();
		return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Return label "
				+ HtmlUtils.htmlEscape(found.id()) + "</title></head><body style=\"font-family:sans-serif\">"
				+ "<h1>Return label</h1><p>Carrier: <strong>" + HtmlUtils.htmlEscape(label.carrier()) + "</strong></p>"
				+ "<p style=\"font-family:monospace;font-size:2em;letter-spacing:0.2em\">"
				+ HtmlUtils.htmlEscape(label.trackingNumber()) + "</p><p>Return " + HtmlUtils.htmlEscape(found.id())
				+ " of order " + HtmlUtils.htmlEscape(found.orderId()) + "</p>"
				+ "<p>Print this page, stick it on the parcel and hand it to the carrier.</p></body></html>";
	}

}
