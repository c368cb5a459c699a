package dev.postpurchase.kit.security;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.postpurchase.contracts.EventJson;
import reactor.core.publisher.Mono;

/**
 * 401, 403 and the firewall's 400 as {@code application/problem+json}, like every other error of the platform, with the
 * RFC 6750 {@code WWW-Authenticate} header a bearer-token client expects. Details say what is
 * missing, never anything about the token's content.
 */
final class ProblemResponses implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler,
		ServerExchangeRejectedHandler {

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
		var invalid = ex instanceof InvalidBearerTokenException
				|| ex.getCause() instanceof InvalidBearerTokenException;
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
				invalid ? "Bearer error=\"invalid_token\"" : "Bearer");
		return write(exchange, HttpStatus.UNAUTHORIZED,
				invalid ? "The bearer token is invalid or expired" : "A bearer token is required");
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
				"Bearer error=\"insufficient_scope\"");
		return write(exchange, HttpStatus.FORBIDDEN, "The token does not grant the scope this request needs");
	}

	/**
	 * A request the firewall refused (an encoded slash, backslash or NUL in its path, a method it does
	 * not know): 400 as a problem like any other bad request. Without {@code instance}: the path is
	 * what was refused, and is not repeated back.
	 */
	@Override
	public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
		return write(exchange, HttpStatus.BAD_REQUEST, "The request was refused: its path or method is not allowed "
				+ "(encoded slashes, backslashes and control characters are not)", false);
	}

	static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
		return write(exchange, status, detail, true);
	}

	private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail, boolean instance) {
		var problem = new LinkedHashMap<String, Object>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		if (instance) {
			problem.put("instance", exchange.getRequest().getPath().value());
		}
		var response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		var body = EventJson.mapper().writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
	}

}
