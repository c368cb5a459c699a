package dev.postpurchase.testkit;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends {@link BadJson} variants to a service and checks every answer with
 * {@link BadJson#assertHandled}: a 2xx, or a 4xx problem with a title, never a 5xx.
 *
 * <pre>{@code
 * var client = new BadJsonClient(web);
 * var answer = client.send(HttpMethod.POST, "/api/v1/orders", variant.body(), BadJson.contentType(random),
 *         headers -> headers.setBearerAuth(token));
 * if (answer.ok()) { ... answer.json() ... }
 * }</pre>
 */
public final class BadJsonClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger CALLERS = new AtomicInteger();

	private final WebTestClient web;

	public BadJsonClient(WebTestClient web) {
		this.web = web;
	}

	/**
	 * Sends the body as it is with the content type (none when empty) and headers given.
	 *
	 * @throws AssertionError when the answer is not handled as bad input must be
	 */
	public Answer send(HttpMethod method, String uri, byte[] body, String contentType, Consumer<HttpHeaders> headers,
			Object... uriVariables) {
		var result = this.web.method(method)
			.uri(uri, uriVariables)
			.headers(headers)
			.headers(h -> {
				if (!contentType.isEmpty()) {
					h.set(HttpHeaders.CONTENT_TYPE, contentType);
				}
			})
			.bodyValue(body)
			.exchange()
			.expectBody(String.class)
			.returnResult();
		var answer = new Answer(result.getStatus().value(), String.valueOf(result.getResponseHeaders().getContentType()),
				result.getResponseBody());
		BadJson.assertHandled(answer.status(), answer.contentType(), answer.body());
		return answer;
	}

	/** Sends a drawn request's body with its content type. */
	public Answer send(HttpMethod method, String uri, Request request, Consumer<HttpHeaders> headers,
			Object... uriVariables) {
		return send(method, uri, request.variant().body(), request.contentType(), headers, uriVariables);
	}

	/**
	 * A client address no other caller in this JVM has, for {@code X-Forwarded-For}: a property's many
	 * requests then never meet another's in a public endpoint's rate limit.
	 */
	public static String newCaller() {
		var number = CALLERS.incrementAndGet();
		// documentation range (RFC 5737): only ever a header value, never an address anything is sent to
		return "198.51." + (100 + number / 250) + "." + (1 + number % 250);
	}

	/** Headers of a caller ({@link #newCaller}) with a bearer token of these scopes. */
	public static Consumer<HttpHeaders> as(String caller, String... scopes) {
		var token = TestTokens.of(scopes);
		return headers -> {
			headers.setBearerAuth(token);
			headers.set("X-Forwarded-For", caller);
		};
	}

	/**
	 * A bad body and the content type to send it with.
	 *
	 * @param variant the body
	 * @param contentType the content type, none when empty
	 */
	public record Request(BadJson.Variant variant, String contentType) {

		/** Draws bad bodies from the mutations, sent mostly as JSON (see {@link BadJson#contentType}). */
		public static Function<Random, Request> of(BadJson bodies) {
			return random -> new Request(bodies.next(random), BadJson.contentType(random));
		}

		@Override
		public String toString() {
			return "as " + (this.contentType.isEmpty() ? "no content type" : this.contentType) + ": " + this.variant;
		}

	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param contentType the content type, {@code "null"} when there was none
	 * @param body the body, null when there was none
	 */
	public record Answer(int status, String contentType, String body) {

		public boolean ok() {
			return this.status / 100 == 2;
		}

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
