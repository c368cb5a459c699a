package dev.postpurchase.testkit;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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
 * {@link #assertHandled}: a 2xx, or a 4xx problem with a title, never a 5xx.
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

	private final Map<Integer, Integer> statuses = new TreeMap<>();

	public BadJsonClient(WebTestClient web) {
		this.web = web;
	}

	/** How many answers of each status this client got. */
	public Map<Integer, Integer> statuses() {
		return Map.copyOf(this.statuses);
	}

	/**
	 * Checks that the credentials were right, so the bodies were judged by the service and not by
	 * its authentication: some answers were 2xx, none 401 or 403.
	 */
	public void assertBodiesWereJudged() {
		var accepted = this.statuses.entrySet().stream().anyMatch(status -> status.getKey() / 100 == 2);
		if (!accepted || this.statuses.containsKey(401) || this.statuses.containsKey(403)) {
			throw new AssertionError("Expected some 2xx and no 401 or 403 answers, got " + this.statuses);
		}
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
		this.statuses.merge(answer.status(), 1, Integer::sum);
		assertHandled(answer.status(), answer.contentType(), answer.body());
		return answer;
	}

	/**
	 * Sends a valid JSON body to a URI whose variables are hostile (see {@link BadJson#hostileString}):
	 * the answer is a 2xx, or a 4xx problem (also Spring Security's firewall's 400 for an encoded
	 * slash, backslash or NUL); only the HTTP server may refuse the URI without one (a 414 for an
	 * over-long URI), before the application sees it.
	 *
	 * @throws AssertionError otherwise
	 */
	public Answer sendToHostileUri(HttpMethod method, String uri, byte[] body, Consumer<HttpHeaders> headers,
			Object... uriVariables) {
		var result = this.web.method(method)
			.uri(uri, uriVariables)
			.headers(headers)
			.headers(h -> h.set(HttpHeaders.CONTENT_TYPE, "application/json"))
			.bodyValue(body)
			.exchange()
			.expectBody(String.class)
			.returnResult();
		var answer = new Answer(result.getStatus().value(), String.valueOf(result.getResponseHeaders().getContentType()),
				result.getResponseBody());
		this.statuses.merge(answer.status(), 1, Integer::sum);
		if (answer.body() != null || answer.status() != 414) {
			assertHandled(answer.status(), answer.contentType(), answer.body());
		}
		return answer;
	}

	/** Sends a drawn request's body with its content type. */
	public Answer send(HttpMethod method, String uri, Request request, Consumer<HttpHeaders> headers,
			Object... uriVariables) {
		return send(method, uri, request.variant().body(), request.contentType(), headers, uriVariables);
	}

	/**
	 * The property every endpoint keeps for any input: a 2xx, or a 4xx {@code application/problem+json}
	 * with a title; never a 5xx.
	 *
	 * @throws AssertionError naming the status and the start of the answer otherwise
	 */
	public static void assertHandled(int status, String contentType, String body) {
		var answer = " (" + contentType + "): " + BadJson.abbreviate(String.valueOf(body));
		if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
			throw new AssertionError("Expected a 2xx or a 4xx but got " + status + answer);
		}
		if (status < 400) {
			return;
		}
		if (contentType == null || !contentType.startsWith("application/problem+json")) {
			throw new AssertionError("Expected a problem for " + status + answer);
		}
		JsonNode title;
		try {
			title = JSON.readTree(body).get("title");
		}
		catch (RuntimeException ex) {
			throw new AssertionError("Expected a problem+json body for " + status + answer, ex);
		}
		if (title == null || !title.isString() || title.asString().isBlank()) {
			throw new AssertionError("Expected a problem with a title for " + status + answer);
		}
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
