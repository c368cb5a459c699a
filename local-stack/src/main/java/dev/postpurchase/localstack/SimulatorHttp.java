package dev.postpurchase.localstack;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

import tools.jackson.databind.json.JsonMapper;

/** What the simulators share on the JDK's HTTP server: reading bodies and forms, writing answers. */
final class SimulatorHttp {

	/** The largest request body read; larger ones get 413. */
	static final int MAX_BODY_BYTES = 1024 * 1024;

	static final String JSON_TYPE = "application/json; charset=utf-8";

	private static final JsonMapper JSON = JsonMapper.shared();

	private SimulatorHttp() {
	}

	/** The request body, whole. */
	static byte[] body(HttpExchange exchange) throws IOException {
		try (var in = exchange.getRequestBody()) {
			var bytes = in.readNBytes(MAX_BODY_BYTES + 1);
			if (bytes.length > MAX_BODY_BYTES) {
				throw new TooLarge();
			}
			return bytes;
		}
	}

	/**
	 * An {@code application/x-www-form-urlencoded} body as name to values, in order.
	 *
	 * @throws IllegalArgumentException on a malformed escape
	 */
	static Map<String, List<String>> form(byte[] body) {
		var params = new LinkedHashMap<String, List<String>>();
		for (var pair : new String(body, StandardCharsets.UTF_8).split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			var name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			var value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			params.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
		}
		return params;
	}

	/** The first value of a form parameter, or null when it is absent or blank. */
	static String first(Map<String, List<String>> params, String name) {
		var values = params.get(name);
		if (values == null || values.isEmpty() || values.get(0).isBlank()) {
			return null;
		}
		return values.get(0);
	}

	/** Name to values as an {@code application/x-www-form-urlencoded} body. */
	static byte[] formBody(Map<String, List<String>> params) {
		var body = new StringBuilder();
		params.forEach((name, values) -> values.forEach(value -> {
			if (body.length() > 0) {
				body.append('&');
			}
			body.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		}));
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

	static void json(HttpExchange exchange, int status, Object body) throws IOException {
		send(exchange, status, JSON_TYPE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
	}

	/** An RFC 9457 problem, for the simulators' own endpoints (the provider APIs answer in their own formats). */
	static void problem(HttpExchange exchange, int status, String detail) throws IOException {
		var problem = new LinkedHashMap<String, Object>();
		problem.put("type", "about:blank");
		problem.put("title", reason(status));
		problem.put("status", status);
		problem.put("detail", detail);
		send(exchange, status, "application/problem+json", JSON.writeValueAsBytes(problem));
	}

	static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		if (contentType != null) {
			exchange.getResponseHeaders().set("Content-Type", contentType);
		}
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
		if (body.length > 0) {
			try (var out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	static String reason(int status) {
		return switch (status) {
			case 400 -> "Bad Request";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 408 -> "Request Timeout";
			case 413 -> "Content Too Large";
			case 429 -> "Too Many Requests";
			case 500 -> "Internal Server Error";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			default -> status >= 500 ? "Server Error" : "Client Error";
		};
	}

	/** A request body over {@link #MAX_BODY_BYTES}. */
	static final class TooLarge extends IOException {

		TooLarge() {
			super("Request body over " + MAX_BODY_BYTES + " bytes");
		}
	}
}
