package dev.postpurchase.returns.request.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.kit.security.Scopes;
import dev.postpurchase.kit.web.CursorPage;
import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.returns.request.CustomerReturn;
import dev.postpurchase.returns.request.NewReturn;
import dev.postpurchase.returns.request.ReturnDesk;
import dev.postpurchase.returns.request.ReturnState;
import dev.postpurchase.returns.request.Returns;
import reactor.core.publisher.Mono;

/**
 * Returns for agents and platforms (bearer tokens) and the one entry customers share with them:
 * starting a return, which a customer does with the RETURN link of their order instead of a token.
 */
@RestController
class ReturnController {

	private static final int MAX_PAGE = 100;

	private static final int MAX_KEY = 255;

	private final ReturnDesk desk;

	private final Returns returns;

	private final CustomerLinks links;

	ReturnController(ReturnDesk desk, Returns returns, CustomerLinks links) {
		this.desk = desk;
		this.returns = returns;
		this.links = links;
	}

	/**
	 * Starts a return: with a bearer token of scope {@code returns:write}, or with {@code token}, the
	 * customer's RETURN link for exactly this order. 201 with the return (approved at once when the
	 * policy allows), 422 naming the rules it breaks. With an {@code Idempotency-Key} (up to 255
	 * printable characters, one per request the caller means), a repeat answers 200 with the return the
	 * first made.
	 */
	@PostMapping("/api/v1/returns")
	Mono<ResponseEntity<ReturnView>> request(@RequestBody NewReturn body, @RequestParam(required = false) String token,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > MAX_KEY
				|| !idempotencyKey.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
			return Mono.error(Problems.badRequest("Idempotency-Key: 1 to " + MAX_KEY + " printable ASCII characters"));
		}
		var request = body.validated();
		Mono<String> caller = token != null ? Mono.fromCallable(() -> {
			links.authorize(token, LinkPurpose.RETURN, request.orderId());
			return "customer-link";
		}) : agent(Scopes.RETURNS_WRITE);
		return caller.flatMap(by -> desk.request(request, by, idempotencyKey))
			.map(requested -> ResponseEntity.status(requested.created() ? HttpStatus.CREATED : HttpStatus.OK)
				.body(token != null ? ReturnView.of(requested.customerReturn()).forCustomer()
						: ReturnView.of(requested.customerReturn())));
	}

	@GetMapping("/api/v1/returns/{returnId}")
	Mono<ReturnView> one(@PathVariable String returnId) {
		return returns.find(returnId)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("Return " + returnId + " not found")))
			.map(ReturnView::of);
	}

	/** The returns of an order (oldest first), or those in a state (newest first, a page at a time). */
	@GetMapping("/api/v1/returns")
	Mono<CursorPage<ReturnView>> list(@RequestParam(required = false) String orderId,
			@RequestParam(required = false) String state, @RequestParam(defaultValue = "50") int limit,
			@RequestParam(required = false) String cursor) {
		if ((orderId == null) == (state == null)) {
			return Mono.error(Problems.badRequest("Give either orderId or state"));
		}
		if (limit < 1 || limit > MAX_PAGE) {
			return Mono.error(Problems.badRequest("limit: between 1 and " + MAX_PAGE));
		}
		if (orderId != null) {
			return returns.ofOrder(orderId).map(ReturnView::of).collectList().map(all -> new CursorPage<>(all, null));
		}
		ReturnState wanted;
		try {
			wanted = ReturnState.valueOf(state);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(Problems.badRequest("state: one of " + List.of(ReturnState.values())));
		}
		var after = cursor == null ? null : CursorPage.Cursor.parse(cursor);
		return returns.inState(wanted, after == null ? null : after.at(), after == null ? null : after.id(), limit + 1)
			.collectList()
			.map(found -> CursorPage.of(found, limit, (CustomerReturn one) -> new CursorPage.Cursor(one.createdAt(),
					one.id())))
			.map(page -> page.map(ReturnView::of));
	}

	@PostMapping("/api/v1/returns/{returnId}/approve")
	Mono<ReturnView> approve(@PathVariable String returnId) {
		return agent(Scopes.RETURNS_WRITE).flatMap(by -> desk.approve(returnId, by)).map(ReturnView::of);
	}

	@PostMapping("/api/v1/returns/{returnId}/reject")
	Mono<ReturnView> reject(@PathVariable String returnId, @RequestBody Decision decision) {
		return agent(Scopes.RETURNS_WRITE).flatMap(by -> desk.reject(returnId, by, decision.reason()))
			.map(ReturnView::of);
	}

	/** The warehouse's inspection of a received return. */
	@PostMapping("/api/v1/returns/{returnId}/receive")
	Mono<ReturnView> receive(@PathVariable String returnId, @RequestBody Inspection inspection) {
		return agent(Scopes.RETURNS_WRITE)
			.flatMap(by -> desk.receive(returnId, inspection.lines() == null ? List.of() : inspection.lines(), by))
			.map(ReturnView::of);
	}

	/** Tries a failed refund again, for example after the payment was fixed at the provider. */
	@PostMapping("/api/v1/returns/{returnId}/refund/retry")
	Mono<ReturnView> retryRefund(@PathVariable String returnId) {
		return agent(Scopes.RETURNS_WRITE).flatMap(by -> desk.retryRefund(returnId)).map(ReturnView::of);
	}

	/** The calling agent ({@code agent:<subject>}), who must hold {@code scope}; 401/403 otherwise. */
	private static Mono<String> agent(String scope) {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.filter(authentication -> authentication != null && authentication.isAuthenticated()
					&& !"anonymousUser".equals(authentication.getPrincipal()))
			.switchIfEmpty(Mono.error(() -> Problems.of(HttpStatus.UNAUTHORIZED,
					"A bearer token, or a customer's return link (token), is required")))
			.flatMap(authentication -> authentication.getAuthorities()
				.stream()
				.anyMatch(authority -> Scopes.authority(scope).equals(authority.getAuthority()))
						? Mono.just("agent:" + authentication.getName())
						: Mono.error(Problems.of(HttpStatus.FORBIDDEN, "The token does not grant " + scope)));
	}

	record Decision(String reason) {

	}

	record Inspection(List<CustomerReturn.Inspected> lines) {

	}

}
