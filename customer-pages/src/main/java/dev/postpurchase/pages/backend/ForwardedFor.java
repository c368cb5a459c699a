package dev.postpurchase.pages.backend;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Tells the services whom the pages call for: every backend call carries {@code X-Forwarded-For} with
 * the chain the pages received plus the address the request came from. The services' rate limits then
 * count each customer on their own instead of all customers as the pages' one address, once the pages
 * (and any proxy in front of them) are listed in the services' {@code
 * postpurchase.security.rate-limit.trusted-proxies}; what a client writes into the header itself stays
 * left of the real hops, where the services do not believe it.
 */
@Component
public class ForwardedFor implements WebFilter, Ordered {

	private static final String HEADER = "X-Forwarded-For";

	private static final String CHAIN = ForwardedFor.class.getName();

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		var request = exchange.getRequest();
		var peer = request.getRemoteAddress() == null ? null : request.getRemoteAddress().getHostString();
		if (peer == null) {
			return chain.filter(exchange);
		}
		var received = request.getHeaders().getValuesAsList(HEADER);
		var forwarded = received.isEmpty() ? peer : String.join(", ", received) + ", " + peer;
		return chain.filter(exchange).contextWrite(context -> context.put(CHAIN, forwarded));
	}

	/** Adds the caller's chain to a backend call made while serving a page. */
	static ExchangeFilterFunction onBackendCalls() {
		return (request, next) -> Mono.deferContextual(context -> next.exchange(!context.hasKey(CHAIN) ? request
				: ClientRequest.from(request).headers(headers -> headers.set(HEADER, context.get(CHAIN))).build()));
	}

}
