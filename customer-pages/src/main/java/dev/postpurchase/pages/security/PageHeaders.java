package dev.postpurchase.pages.security;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * The security headers of every response, set before anything else runs so that service-kit's
 * API defaults (Spring Security writes its headers only where none are set) do not replace them:
 * a Content-Security-Policy that allows our own stylesheets and images and nothing else (no
 * scripts at all, forms only to us, no framing), no Referer (the link tokens are in our URLs),
 * a minimal Permissions-Policy, and {@code Cache-Control: no-store} on the pages (they show a
 * customer's data under a token URL); only the stylesheets and the logo may be cached.
 */
@Component
class PageHeaders implements WebFilter, Ordered {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

	@Override
	public int getOrder() {
		// before service-kit's rate limit (-200) and Spring Security (-100): their answers get the headers too
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		var headers = exchange.getResponse().getHeaders();
		headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		headers.set("Referrer-Policy", "no-referrer");
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("X-Frame-Options", "DENY");
		headers.set("Permissions-Policy", PERMISSIONS_POLICY);
		headers.set("Cross-Origin-Opener-Policy", "same-origin");
		headers.set("Cross-Origin-Resource-Policy", "same-origin");
		if (!cacheable(exchange.getRequest().getPath().pathWithinApplication().value())) {
			headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
		}
		return chain.filter(exchange);
	}

	/** The stylesheets and the logo: the same for everyone, no token in their URL. */
	static boolean cacheable(String path) {
		return path.startsWith("/css/") || path.equals("/brand.css") || path.equals("/brand/logo");
	}

}
