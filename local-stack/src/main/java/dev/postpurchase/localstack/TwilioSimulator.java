package dev.postpurchase.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

import dev.postpurchase.kit.webhook.TwilioSignatures;

/**
 * Twilio's Messages API, as far as the platform uses it, for the local stack: {@code POST
 * /twilio/2010-04-01/Accounts/{AccountSid}/Messages.json} with a form ({@code To}, {@code From} or
 * {@code MessagingServiceSid}, {@code Body}, optionally {@code StatusCallback}) and HTTP Basic
 * credentials (AccountSid:AuthToken). It answers as Twilio does (201 with the Message resource, or
 * Twilio's error JSON: 401 code 20003, 400 codes 21602/21603/21604/21211/21609/21617), keeps what it
 * received, and ~200 ms later moves the message to {@code sent} then {@code delivered}, posting each
 * status to the {@code StatusCallback} URL signed with {@code X-Twilio-Signature} like Twilio.
 * Nothing is sent to a phone.
 */
final class TwilioSimulator extends ProviderSimulator<TwilioSimulator.Sms> {

	static final String API_VERSION = "2010-04-01";

	private static final Pattern MESSAGES = Pattern.compile("/twilio/2010-04-01/Accounts/([^/]+)/Messages\\.json");

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	/** RFC 2822 dates, as Twilio writes them: {@code Thu, 24 Aug 2023 05:01:45 +0000}. */
	private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
		.withZone(ZoneOffset.UTC);

	private static final int MAX_BODY_CHARACTERS = 1600;

	/** The GSM 03.38 basic character set: texts in it pack 160 characters into one segment. */
	private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	/** The GSM 03.38 extension table: two septets each. */
	private static final String GSM_EXTENDED = "^{}\\[~]|€\f";

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * The account the simulator accepts.
	 *
	 * @param accountSid {@code AC} + 32 hex digits
	 * @param authToken the password of HTTP Basic, and the key of the callbacks' signatures
	 */
	record Account(String accountSid, String authToken) {

		@Override
		public String toString() {
			return "Account[accountSid=" + this.accountSid + "]";
		}
	}

	/** One message received; its status moves on as the (simulated) carrier reports. */
	static final class Sms {

		private final Instant time;

		private final String sid;

		private final String to;

		private final String from;

		private final String messagingServiceSid;

		private final String body;

		private final int segments;

		private volatile String status = "queued";

		Sms(Instant time, String sid, String to, String from, String messagingServiceSid, String body) {
			this.time = time;
			this.sid = sid;
			this.to = to;
			this.from = from;
			this.messagingServiceSid = messagingServiceSid;
			this.body = body;
			this.segments = segments(body);
		}

		Map<String, Object> toJson() {
			var json = new LinkedHashMap<String, Object>();
			json.put("time", this.time.toString());
			json.put("sid", this.sid);
			json.put("to", this.to);
			json.put("from", this.from);
			json.put("messagingServiceSid", this.messagingServiceSid);
			json.put("body", this.body);
			json.put("segments", this.segments);
			json.put("status", this.status);
			return json;
		}
	}

	private final Account account;

	TwilioSimulator(Account account, Clock clock, Callbacks callbacks, int capacity) {
		super(clock, callbacks, capacity, Sms::toJson);
		this.account = account;
	}

	/** Answers a request under {@code /twilio/}. */
	void handle(HttpExchange exchange) throws IOException {
		var body = SimulatorHttp.body(exchange);
		var path = exchange.getRequestURI().getPath();
		var matcher = MESSAGES.matcher(path);
		if (!matcher.matches()) {
			error(exchange, 404, 20404, "The requested resource " + path.substring("/twilio".length()) + " was not found");
			return;
		}
		if (!"POST".equals(exchange.getRequestMethod())) {
			exchange.getResponseHeaders().set("Allow", "POST");
			error(exchange, 405, 20004, "Method not allowed");
			return;
		}
		int faultStatus = this.faults.apply();
		if (faultStatus != 0) {
			error(exchange, faultStatus, 20000 + faultStatus, SimulatorHttp.reason(faultStatus) + " (simulated)");
			return;
		}
		if (!authenticated(exchange.getRequestHeaders().getFirst("Authorization"))) {
			exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
			error(exchange, 401, 20003, "Authenticate");
			return;
		}
		if (!matcher.group(1).equals(this.account.accountSid())) {
			error(exchange, 404, 20404, "The requested resource " + path.substring("/twilio".length()) + " was not found");
			return;
		}
		Map<String, List<String>> params;
		try {
			params = SimulatorHttp.form(body);
		}
		catch (IllegalArgumentException ex) {
			error(exchange, 400, 21601, "The request body is not a valid form");
			return;
		}
		var to = SimulatorHttp.first(params, "To");
		var from = SimulatorHttp.first(params, "From");
		var messagingServiceSid = SimulatorHttp.first(params, "MessagingServiceSid");
		var text = SimulatorHttp.first(params, "Body");
		var statusCallback = SimulatorHttp.first(params, "StatusCallback");
		if (to == null) {
			error(exchange, 400, 21604, "A 'To' phone number is required.");
			return;
		}
		if (!E164.matcher(to).matches()) {
			error(exchange, 400, 21211, "Invalid 'To' Phone Number");
			return;
		}
		if (from == null && messagingServiceSid == null) {
			error(exchange, 400, 21603, "A 'From' phone number is required.");
			return;
		}
		if (text == null) {
			error(exchange, 400, 21602, "Message body is required.");
			return;
		}
		if (text.length() > MAX_BODY_CHARACTERS) {
			error(exchange, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");
			return;
		}
		if (statusCallback != null && !isCallbackUrl(statusCallback)) {
			error(exchange, 400, 21609, "Invalid StatusCallback url");
			return;
		}
		var sms = new Sms(this.clock.instant(), "SM" + hex(16), to, from, messagingServiceSid, text);
		this.inbox.add(sms);
		SimulatorHttp.json(exchange, 201, resource(sms));
		this.callbacks.later(() -> progress(sms, statusCallback));
	}

	/** Twilio's Message resource, as the create call returns it. */
	private Map<String, Object> resource(Sms sms) {
		var uri = "/" + API_VERSION + "/Accounts/" + this.account.accountSid() + "/Messages/" + sms.sid;
		var created = RFC_2822.format(sms.time);
		var json = new LinkedHashMap<String, Object>();
		json.put("account_sid", this.account.accountSid());
		json.put("api_version", API_VERSION);
		json.put("body", sms.body);
		json.put("date_created", created);
		json.put("date_sent", null);
		json.put("date_updated", created);
		json.put("direction", "outbound-api");
		json.put("error_code", null);
		json.put("error_message", null);
		json.put("from", sms.from);
		json.put("messaging_service_sid", sms.messagingServiceSid);
		json.put("num_media", "0");
		json.put("num_segments", String.valueOf(sms.segments));
		json.put("price", null);
		json.put("price_unit", "USD");
		json.put("sid", sms.sid);
		json.put("status", "queued");
		json.put("subresource_uris", Map.of("media", uri + "/Media.json"));
		json.put("to", sms.to);
		json.put("uri", uri + ".json");
		return json;
	}

	/** What the carrier reports: {@code sent}, then {@code delivered}, each to the status callback. */
	private void progress(Sms sms, String statusCallback) {
		for (var status : List.of("sent", "delivered")) {
			sms.status = status;
			if (statusCallback == null) {
				continue;
			}
			var params = new LinkedHashMap<String, List<String>>();
			params.put("AccountSid", List.of(this.account.accountSid()));
			params.put("ApiVersion", List.of(API_VERSION));
			if (sms.from != null) {
				params.put("From", List.of(sms.from));
			}
			params.put("MessageSid", List.of(sms.sid));
			params.put("MessageStatus", List.of(status));
			if (sms.messagingServiceSid != null) {
				params.put("MessagingServiceSid", List.of(sms.messagingServiceSid));
			}
			params.put("SmsSid", List.of(sms.sid));
			params.put("SmsStatus", List.of(status));
			params.put("To", List.of(sms.to));
			var headers = new LinkedHashMap<String, String>();
			headers.put("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
			headers.put("User-Agent", "TwilioProxy/1.1");
			headers.put(TwilioSignatures.HEADER, TwilioSignatures.sign(this.account.authToken(), statusCallback, params));
			this.callbacks.post(URI.create(statusCallback), headers, SimulatorHttp.formBody(params),
					"Twilio status callback '" + status + "' of " + sms.sid);
		}
	}

	private boolean authenticated(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return false;
		}
		byte[] presented;
		try {
			presented = Base64.getDecoder().decode(authorization.substring(6).trim());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		var expected = (this.account.accountSid() + ":" + this.account.authToken()).getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(expected, presented);
	}

	private static boolean isCallbackUrl(String url) {
		try {
			var uri = new URI(url);
			return uri.isAbsolute() && uri.getHost() != null
					&& ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
		}
		catch (java.net.URISyntaxException ex) {
			return false;
		}
	}

	/** Twilio's error JSON, e.g. {@code {"code":20003,"message":"Authenticate","more_info":...,"status":401}}. */
	private static void error(HttpExchange exchange, int status, int code, String message) throws IOException {
		var json = new LinkedHashMap<String, Object>();
		json.put("code", code);
		json.put("message", message);
		json.put("more_info", "https://www.twilio.com/docs/errors/" + code);
		json.put("status", status);
		SimulatorHttp.json(exchange, status, json);
	}

	/**
	 * How many segments Twilio bills for a text: 160 GSM-7 characters in one (153 each when split;
	 * extension characters count twice), otherwise 70 UCS-2 units in one (67 each when split).
	 */
	static int segments(String text) {
		var gsm = true;
		int septets = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (GSM_BASIC.indexOf(c) >= 0) {
				septets++;
			}
			else if (GSM_EXTENDED.indexOf(c) >= 0) {
				septets += 2;
			}
			else {
				gsm = false;
				break;
			}
		}
		int units = gsm ? septets : text.length();
		int single = gsm ? 160 : 70;
		int each = gsm ? 153 : 67;
		return units <= single ? 1 : (units + each - 1) / each;
	}

	private static String hex(int bytes) {
		var random = new byte[bytes];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}
}
