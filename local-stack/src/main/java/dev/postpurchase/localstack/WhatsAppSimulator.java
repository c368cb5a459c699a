package dev.postpurchase.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

import dev.postpurchase.kit.webhook.HmacSignatures;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's WhatsApp Cloud API, as far as the platform uses it, for the local stack:
 * {@code POST /graph/{version}/{phoneNumberId}/messages} with {@code Authorization: Bearer <token>}
 * and a JSON message ({@code messaging_product} {@code whatsapp}, {@code to}, {@code type}
 * {@code template} or {@code text}). It answers as the Cloud API does (200 with {@code contacts} and
 * the {@code wamid}, or Graph's error JSON: 401 code 190, 400 code 100), keeps what it received, and
 * ~200 ms later posts the statuses {@code sent} then {@code delivered} to the platform's webhook in
 * the Cloud API's webhook format, signed {@code X-Hub-Signature-256: sha256=<hex HMAC of the body
 * keyed with the app secret>}. Nothing is sent to a phone.
 */
final class WhatsAppSimulator extends ProviderSimulator<WhatsAppSimulator.Message> {

	/** The WhatsApp Business Account the simulated number belongs to (the webhook's {@code entry[].id}). */
	static final String BUSINESS_ACCOUNT_ID = "102290129340398";

	/** The simulated business number, as the webhook's {@code metadata.display_phone_number}. */
	static final String DISPLAY_PHONE_NUMBER = "15550783881";

	private static final Pattern MESSAGES = Pattern.compile("/graph/(v[0-9]+\\.[0-9]+)/([^/]+)/messages");

	private static final Pattern RECIPIENT = Pattern.compile("\\+?[1-9][0-9]{6,14}");

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * The business number the simulator accepts, and where it reports.
	 *
	 * @param phoneNumberId the business phone number's id, in the request path
	 * @param accessToken the bearer token requests must carry
	 * @param appSecret the key of the webhooks' {@code X-Hub-Signature-256}
	 * @param webhookUrl where statuses are posted; none when null
	 */
	record Business(String phoneNumberId, String accessToken, String appSecret, URI webhookUrl) {

		@Override
		public String toString() {
			return "Business[phoneNumberId=" + this.phoneNumberId + ", webhookUrl=" + this.webhookUrl + "]";
		}
	}

	/** One message received; its status moves on as WhatsApp reports. */
	static final class Message {

		private final Instant time;

		private final String id;

		private final String to;

		private final String waId;

		private final String type;

		private final String template;

		private final String language;

		private final List<String> parameters;

		private final String text;

		private volatile String status = "accepted";

		Message(Instant time, String id, String to, String type, String template, String language, List<String> parameters,
				String text) {
			this.time = time;
			this.id = id;
			this.to = to;
			this.waId = to.startsWith("+") ? to.substring(1) : to;
			this.type = type;
			this.template = template;
			this.language = language;
			this.parameters = List.copyOf(parameters);
			this.text = text;
		}

		Map<String, Object> toJson() {
			var json = new LinkedHashMap<String, Object>();
			json.put("time", this.time.toString());
			json.put("id", this.id);
			json.put("to", this.to);
			json.put("type", this.type);
			json.put("template", this.template);
			json.put("language", this.language);
			json.put("parameters", this.parameters);
			json.put("text", this.text);
			json.put("status", this.status);
			return json;
		}
	}

	private final Business business;

	WhatsAppSimulator(Business business, Clock clock, Callbacks callbacks, int capacity) {
		super(clock, callbacks, capacity, Message::toJson);
		this.business = business;
	}

	/** Answers a request under {@code /graph/}. */
	void handle(HttpExchange exchange) throws IOException {
		var body = SimulatorHttp.body(exchange);
		var matcher = MESSAGES.matcher(exchange.getRequestURI().getPath());
		if (!matcher.matches()) {
			error(exchange, 400, 100, "Unknown path components: " + exchange.getRequestURI().getPath(), null);
			return;
		}
		if (!"POST".equals(exchange.getRequestMethod())) {
			exchange.getResponseHeaders().set("Allow", "POST");
			error(exchange, 405, 100, "Unsupported " + exchange.getRequestMethod() + " request.", null);
			return;
		}
		int faultStatus = this.faults.apply();
		if (faultStatus != 0) {
			if (faultStatus == 429) {
				error(exchange, 429, 130429, "(#130429) Rate limit hit", null);
			}
			else {
				error(exchange, faultStatus, 131000, "(#131000) Something went wrong (simulated)", null);
			}
			return;
		}
		if (!authenticated(exchange.getRequestHeaders().getFirst("Authorization"))) {
			error(exchange, 401, 190, "Invalid OAuth access token.", null);
			return;
		}
		if (!matcher.group(2).equals(this.business.phoneNumberId())) {
			error(exchange, 400, 100, "Unsupported post request. Object with ID '" + matcher.group(2)
					+ "' does not exist, cannot be loaded due to missing permissions, or does not support this operation.", 33);
			return;
		}
		JsonNode request;
		try {
			request = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			request = null;
		}
		if (request == null || !request.isObject()) {
			error(exchange, 400, 100, "(#100) The request body must be a JSON object", null);
			return;
		}
		var message = message(request);
		if (message.problem() != null) {
			error(exchange, 400, 100, "(#100) " + message.problem(), null);
			return;
		}
		var received = message.message();
		this.inbox.add(received);
		var answer = new LinkedHashMap<String, Object>();
		answer.put("messaging_product", "whatsapp");
		answer.put("contacts", List.of(Map.of("input", received.to, "wa_id", received.waId)));
		answer.put("messages", List.of(Map.of("id", received.id, "message_status", "accepted")));
		SimulatorHttp.json(exchange, 200, answer);
		this.callbacks.later(() -> progress(received));
	}

	private record Parsed(Message message, String problem) {
	}

	private Parsed message(JsonNode request) {
		var product = text(request, "messaging_product");
		if (product == null) {
			return new Parsed(null, "The parameter messaging_product is required.");
		}
		if (!"whatsapp".equals(product)) {
			return new Parsed(null, "Param messaging_product must be 'whatsapp'");
		}
		var to = text(request, "to");
		if (to == null) {
			return new Parsed(null, "The parameter to is required.");
		}
		if (!RECIPIENT.matcher(to).matches()) {
			return new Parsed(null, "Invalid parameter: to must be a phone number with country code");
		}
		var type = text(request, "type") == null ? "text" : text(request, "type");
		var id = "wamid." + random(30);
		var time = this.clock.instant();
		if (type.equals("template")) {
			var template = request.path("template");
			var name = text(template, "name");
			var language = text(template.path("language"), "code");
			if (name == null || language == null) {
				return new Parsed(null, "Invalid parameter: template.name and template.language.code are required");
			}
			var parameters = new ArrayList<String>();
			for (var component : template.path("components")) {
				for (var parameter : component.path("parameters")) {
					var value = text(parameter, "text");
					parameters.add(value != null ? value : String.valueOf(parameter.path("type").asString("")));
				}
			}
			return new Parsed(new Message(time, id, to, type, name, language, parameters, null), null);
		}
		if (type.equals("text")) {
			var text = text(request.path("text"), "body");
			if (text == null) {
				return new Parsed(null, "The parameter text['body'] is required.");
			}
			return new Parsed(new Message(time, id, to, type, null, null, List.of(), text), null);
		}
		return new Parsed(null, "Param type must be one of {TEXT, TEMPLATE} in this simulator");
	}

	/** The statuses WhatsApp reports, each as a signed webhook: {@code sent}, then {@code delivered}. */
	private void progress(Message message) {
		for (var status : List.of("sent", "delivered")) {
			message.status = status;
			if (this.business.webhookUrl() == null) {
				continue;
			}
			var body = JSON.writeValueAsBytes(webhook(message, status));
			var headers = new LinkedHashMap<String, String>();
			headers.put("Content-Type", "application/json");
			headers.put("User-Agent", "facebookexternalua");
			headers.put("X-Hub-Signature-256", "sha256=" + HmacSignatures.signHex(this.business.appSecret(), body));
			this.callbacks.post(this.business.webhookUrl(), headers, body, "WhatsApp status webhook '" + status + "' of "
					+ message.id);
		}
	}

	/** The Cloud API's status webhook payload for one status of one message. */
	private Map<String, Object> webhook(Message message, String status) {
		var statusJson = new LinkedHashMap<String, Object>();
		statusJson.put("id", message.id);
		statusJson.put("status", status);
		statusJson.put("timestamp", String.valueOf(this.clock.instant().getEpochSecond()));
		statusJson.put("recipient_id", message.waId);
		var value = new LinkedHashMap<String, Object>();
		value.put("messaging_product", "whatsapp");
		value.put("metadata", Map.of("display_phone_number", DISPLAY_PHONE_NUMBER, "phone_number_id",
				this.business.phoneNumberId()));
		value.put("statuses", List.of(statusJson));
		var change = new LinkedHashMap<String, Object>();
		change.put("value", value);
		change.put("field", "messages");
		var entry = new LinkedHashMap<String, Object>();
		entry.put("id", BUSINESS_ACCOUNT_ID);
		entry.put("changes", List.of(change));
		var payload = new LinkedHashMap<String, Object>();
		payload.put("object", "whatsapp_business_account");
		payload.put("entry", List.of(entry));
		return payload;
	}

	private boolean authenticated(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return false;
		}
		return MessageDigest.isEqual(this.business.accessToken().getBytes(StandardCharsets.UTF_8),
				authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8));
	}

	/** Graph's error JSON: {@code {"error":{"message":...,"type":"OAuthException","code":190,"fbtrace_id":...}}}. */
	private static void error(HttpExchange exchange, int status, int code, String message, Integer subcode)
			throws IOException {
		var error = new LinkedHashMap<String, Object>();
		error.put("message", message);
		error.put("type", "OAuthException");
		error.put("code", code);
		if (subcode != null) {
			error.put("error_subcode", subcode);
		}
		error.put("fbtrace_id", "A" + random(16));
		if (status == 401) {
			exchange.getResponseHeaders().set("WWW-Authenticate", "OAuth \"Facebook Platform\" \"invalid_token\" \""
					+ message + "\"");
		}
		SimulatorHttp.json(exchange, status, Map.of("error", error));
	}

	private static String text(JsonNode node, String field) {
		var value = node.path(field);
		return value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
	}

	/** {@code length} random characters, URL-safe. */
	private static String random(int length) {
		var bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
	}
}
