package dev.postpurchase.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.net.httpserver.HttpExchange;

/**
 * Stripe's Refunds API, as far as returns-service uses it, for the local stack: {@code POST
 * /stripe/v1/refunds} with {@code Authorization: Bearer <secret key>} and a form of
 * {@code payment_intent} (or {@code charge}), {@code amount} in minor units, optionally {@code reason}
 * and {@code metadata[...]}. It answers as Stripe does: 200 with the Refund object (status
 * {@code succeeded}, currency {@code eur}), or Stripe's error JSON {@code {"error": {"type": ...,
 * "code": ..., "message": ..., "param": ...}}} (401 for a wrong key, 400 {@code parameter_missing} /
 * {@code parameter_invalid_integer} for a bad form).
 * <p>
 * {@code Idempotency-Key} works like Stripe's: the first successful answer for a key is saved, and a
 * later request with the key and the same parameters gets that answer again (with
 * {@code Idempotent-Replayed: true}) instead of a second refund; the key with different parameters
 * gets 400 {@code idempotency_error}. Validation errors and simulated faults are not saved (they
 * happen before Stripe's API runs), so trying again with the key after a fault makes the refund.
 * Keys are forgotten after 24 hours, as at Stripe. No money moves anywhere.
 */
final class StripeSimulator extends ProviderSimulator<StripeSimulator.Refund> {

	static final String REFUNDS = "/stripe/v1/refunds";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** How long Stripe keeps an idempotency key. */
	static final Duration KEY_LIFETIME = Duration.ofHours(24);

	/** The most keys remembered at once, so a stack left running does not grow without bound. */
	static final int MAX_KEYS = 10_000;

	private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * One refund made.
	 *
	 * @param idempotencyKey the key it was asked for with, or null
	 * @param resource the Refund object as Stripe answered it
	 */
	record Refund(Instant time, String idempotencyKey, Map<String, Object> resource) {

		Map<String, Object> toJson() {
			var json = new LinkedHashMap<String, Object>();
			json.put("time", this.time.toString());
			json.putAll(this.resource);
			json.put("idempotencyKey", this.idempotencyKey);
			return json;
		}
	}

	/** The first answer to an idempotency key, and the parameters it was given for. */
	private record Saved(Instant at, Map<String, List<String>> params, Map<String, Object> answer) {
	}

	private final String secretKey;

	/** Idempotency key to its saved answer, oldest first; guarded by itself. */
	private final LinkedHashMap<String, Saved> keys = new LinkedHashMap<>();

	/**
	 * @param secretKey the only API key accepted
	 */
	StripeSimulator(String secretKey, Clock clock, Callbacks callbacks, int capacity) {
		super(clock, callbacks, capacity, Refund::toJson);
		this.secretKey = secretKey;
	}

	/** Answers a request under {@code /stripe/}. */
	void handle(HttpExchange exchange) throws IOException {
		var body = SimulatorHttp.body(exchange);
		var method = exchange.getRequestMethod();
		var path = exchange.getRequestURI().getPath();
		if (!path.equals(REFUNDS) || !"POST".equals(method)) {
			error(exchange, 404, "invalid_request_error", null, null, "Unrecognized request URL (" + method + ": "
					+ path.substring("/stripe".length()) + ").");
			return;
		}
		int faultStatus = this.faults.apply();
		if (faultStatus != 0) {
			fault(exchange, faultStatus);
			return;
		}
		if (!authenticated(exchange.getRequestHeaders().getFirst("Authorization"))) {
			exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"Stripe\"");
			error(exchange, 401, "invalid_request_error", null, null, "Invalid API Key provided");
			return;
		}
		Map<String, List<String>> params;
		try {
			params = SimulatorHttp.form(body);
		}
		catch (IllegalArgumentException ex) {
			error(exchange, 400, "invalid_request_error", null, null, "The request body is not a valid form.");
			return;
		}
		var paymentIntent = SimulatorHttp.first(params, "payment_intent");
		var charge = SimulatorHttp.first(params, "charge");
		var amountText = SimulatorHttp.first(params, "amount");
		if (paymentIntent == null && charge == null) {
			error(exchange, 400, "invalid_request_error", "parameter_missing", "payment_intent",
					"One of the following params should be provided for this request: payment_intent or charge.");
			return;
		}
		// the simulator knows no payments, so it cannot refund "the rest": it wants the amount
		if (amountText == null) {
			error(exchange, 400, "invalid_request_error", "parameter_missing", "amount", "Missing required param: amount.");
			return;
		}
		long amount;
		try {
			amount = Long.parseLong(amountText);
		}
		catch (NumberFormatException ex) {
			error(exchange, 400, "invalid_request_error", "parameter_invalid_integer", "amount",
					"Invalid integer: " + amountText);
			return;
		}
		if (amount < 1) {
			error(exchange, 400, "invalid_request_error", "parameter_invalid_integer", "amount",
					"This value must be greater than or equal to 1.");
			return;
		}
		var key = exchange.getRequestHeaders().getFirst(IDEMPOTENCY_KEY);
		var comparable = new TreeMap<>(params);
		Map<String, Object> answer;
		boolean replayed;
		synchronized (this.keys) {
			forgetExpiredKeys();
			var saved = key == null ? null : this.keys.get(key);
			if (saved != null && !saved.params().equals(comparable)) {
				error(exchange, 400, "idempotency_error", null, null, "Keys for idempotent requests can only be used "
						+ "with the same parameters they were first used with. Try using a key other than '" + key
						+ "' if you meant to execute a different request.");
				return;
			}
			replayed = saved != null;
			if (replayed) {
				answer = saved.answer();
			}
			else {
				answer = resource(amount, paymentIntent, charge, SimulatorHttp.first(params, "reason"), metadata(params));
				this.inbox.add(new Refund(this.clock.instant(), key, answer));
				if (key != null) {
					this.keys.put(key, new Saved(this.clock.instant(), comparable, answer));
					while (this.keys.size() > MAX_KEYS) {
						this.keys.remove(this.keys.keySet().iterator().next());
					}
				}
			}
		}
		if (key != null) {
			exchange.getResponseHeaders().set(IDEMPOTENCY_KEY, key);
		}
		if (replayed) {
			exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
		}
		exchange.getResponseHeaders().set("Request-Id", "req_" + alphanumeric(14));
		SimulatorHttp.json(exchange, 200, answer);
	}

	/** Stripe's Refund object. */
	private Map<String, Object> resource(long amount, String paymentIntent, String charge, String reason,
			Map<String, String> metadata) {
		var json = new LinkedHashMap<String, Object>();
		json.put("id", "re_" + alphanumeric(24));
		json.put("object", "refund");
		json.put("amount", amount);
		json.put("balance_transaction", "txn_" + alphanumeric(24));
		json.put("charge", charge != null ? charge : "ch_" + alphanumeric(24));
		json.put("created", this.clock.instant().getEpochSecond());
		json.put("currency", "eur");
		json.put("destination_details", Map.of("type", "card", "card", Map.of("type", "refund")));
		json.put("metadata", metadata);
		json.put("payment_intent", paymentIntent);
		json.put("reason", reason);
		json.put("receipt_number", null);
		json.put("source_transfer_reversal", null);
		json.put("status", "succeeded");
		json.put("transfer_reversal", null);
		return json;
	}

	/** The {@code metadata[name]} parameters as name to value. */
	private static Map<String, String> metadata(Map<String, List<String>> params) {
		var metadata = new LinkedHashMap<String, String>();
		params.forEach((name, values) -> {
			if (name.startsWith("metadata[") && name.endsWith("]") && !values.isEmpty()) {
				metadata.put(name.substring("metadata[".length(), name.length() - 1), values.get(0));
			}
		});
		return metadata;
	}

	private void forgetExpiredKeys() {
		var oldest = this.clock.instant().minus(KEY_LIFETIME);
		for (Iterator<Saved> saved = this.keys.values().iterator(); saved.hasNext();) {
			if (saved.next().at().isAfter(oldest)) {
				break; // oldest first: the rest are younger
			}
			saved.remove();
		}
	}

	private boolean authenticated(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		var presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(this.secretKey.getBytes(StandardCharsets.UTF_8), presented);
	}

	/** A simulated outage, in the error type Stripe uses for the status. */
	private static void fault(HttpExchange exchange, int status) throws IOException {
		if (status == 429) {
			error(exchange, status, "invalid_request_error", "rate_limit", null,
					"Request rate limit exceeded. (simulated)");
		}
		else if (status >= 500) {
			error(exchange, status, "api_error", null, null,
					"An unknown error occurred while processing your request (simulated " + status + ").");
		}
		else {
			error(exchange, status, "invalid_request_error", null, null, SimulatorHttp.reason(status) + " (simulated)");
		}
	}

	/** Stripe's error JSON, e.g. {@code {"error":{"code":"parameter_missing","message":...,"param":...,"type":...}}}. */
	private static void error(HttpExchange exchange, int status, String type, String code, String param, String message)
			throws IOException {
		var error = new LinkedHashMap<String, Object>();
		if (code != null) {
			error.put("code", code);
			error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
		}
		error.put("message", message);
		if (param != null) {
			error.put("param", param);
		}
		error.put("type", type);
		SimulatorHttp.json(exchange, status, Map.of("error", error));
	}

	private static String alphanumeric(int length) {
		var text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
		}
		return text.toString();
	}
}
