package dev.postpurchase.pages.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Refuses (403) a form POST that a browser says comes from another site. The pages set no cookies,
 * and every form carries the customer's link token, which another site does not know, so a forged
 * form could change nothing anyway; this is defense in depth against a token that leaked.
 *
 * <p>The browser's {@code Sec-Fetch-Site} decides when present ({@code same-origin}, or
 * {@code none} for a user's own action, pass). Otherwise an {@code Origin} header must be ours
 * (scheme, host and port of the request, so behind a proxy set {@code server.forward-headers-strategy}).
 * {@code Origin: null} is accepted: browsers send it for our own forms because the pages send
 * {@code Referrer-Policy: no-referrer}. Requests without either header (old browsers, tools) pass.
 */
@Component
class SameOriginForms implements WebFilter, Ordered {

	private static final Logger log = LoggerFactory.getLogger(SameOriginForms.class);

	private static final Set<String> SAME_SITE_FETCHES = Set.of("same-origin", "none");

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 20;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		var request = exchange.getRequest();
		if (HttpMethod.GET.equals(request.getMethod()) || HttpMethod.HEAD.equals(request.getMethod())
				|| HttpMethod.OPTIONS.equals(request.getMethod()) || sameOrigin(exchange)) {
			return chain.filter(exchange);
		}
		log.info("Refused a cross-site {} to {}", request.getMethod(), request.getPath());
		var response = exchange.getResponse();
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
		var body = "Forms of this site can only be sent from this site.".getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

	static boolean sameOrigin(ServerWebExchange exchange) {
		var headers = exchange.getRequest().getHeaders();
		var fetchSite = headers.getFirst("Sec-Fetch-Site");
		if (fetchSite != null) {
			return SAME_SITE_FETCHES.contains(fetchSite.toLowerCase(Locale.ROOT));
		}
		var origin = headers.getOrigin();
		if (origin == null || origin.equals("null")) {
			return true;
		}
		return origin.equalsIgnoreCase(originOf(exchange.getRequest().getURI()));
	}

	private static String originOf(URI uri) {
		var defaultPort = ("https".equalsIgnoreCase(uri.getScheme()) && uri.getPort() == 443)
				|| ("http".equalsIgnoreCase(uri.getScheme()) && uri.getPort() == 80);
		return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 || defaultPort ? "" : ":" + uri.getPort());
	}

}
