package dev.postpurchase.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP stand-in of the SMS and WhatsApp providers (WireMock), started once per JVM like
 * {@link SmtpServer}: Twilio's Messages API under {@value #TWILIO_PATH} and WhatsApp Cloud API under
 * {@value #WHATSAPP_PATH}. By default both accept every message; tests that make a provider fail
 * call {@link #failSms} and {@link #healSms}. Tests tell their messages apart by the phone number,
 * unique per order.
 */
public final class ProviderStandIn {

	public static final String ACCOUNT_SID = "AC0f1e2d3c4b5a69788796a5b4c3d2e1f0";

	public static final String AUTH_TOKEN = "test-twilio-auth-token-0123456789ab";

	public static final String PHONE_NUMBER_ID = "106540352242922";

	public static final String TWILIO_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

	public static final String WHATSAPP_PATH = "/v21.0/" + PHONE_NUMBER_ID + "/messages";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static WireMockServer server;

	private static StubMapping failing;

	private ProviderStandIn() {
	}

	/** The running server, started on first use. */
	public static synchronized WireMockServer get() {
		if (server == null) {
			server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
			server.start();
			server.stubFor(post(urlEqualTo(TWILIO_PATH)).atPriority(10).willReturn(twilioCreated()));
			server.stubFor(post(urlEqualTo(WHATSAPP_PATH)).atPriority(10)
				.willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"+31600000000\","
						+ "\"wa_id\":\"31600000000\"}],\"messages\":[{\"id\":\"wamid.{{randomValue length=24 "
						+ "type='ALPHANUMERIC'}}\"}]}")
					.withTransformers("response-template")));
		}
		return server;
	}

	public static String baseUrl() {
		return get().baseUrl();
	}

	/** Twilio takes every message again. */
	public static synchronized void healSms() {
		if (failing != null) {
			get().removeStubMapping(failing);
			failing = null;
		}
	}

	/** Twilio fails every message with {@code response}: a 500, or a delay beyond the client's timeout. */
	public static synchronized void failSms(ResponseDefinitionBuilder response) {
		healSms();
		failing = get().stubFor(post(urlEqualTo(TWILIO_PATH)).atPriority(1).willReturn(response));
	}

	/** A 201 as Twilio answers a created message. */
	private static ResponseDefinitionBuilder twilioCreated() {
		return aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\","
					+ "\"account_sid\":\"" + ACCOUNT_SID + "\"}")
			.withTransformers("response-template");
	}

	/** The form fields of every SMS request to one number, oldest first. */
	public static List<Map<String, String>> smsTo(String phone) {
		return get().findAll(postRequestedFor(urlEqualTo(TWILIO_PATH)))
			.stream()
			.map(ProviderStandIn::form)
			.filter(form -> phone.equals(form.get("To")))
			.toList();
	}

	/** The JSON body of every WhatsApp request to one number, oldest first. */
	public static List<JsonNode> whatsappTo(String phone) {
		return get().findAll(postRequestedFor(urlEqualTo(WHATSAPP_PATH))
			.withRequestBody(matchingJsonPath("$.to", WireMock.equalTo(phone))))
			.stream()
			.map(request -> JSON.readTree(request.getBodyAsString()))
			.toList();
	}

	private static Map<String, String> form(LoggedRequest request) {
		var fields = new LinkedHashMap<String, String>();
		Arrays.stream(request.getBodyAsString().split("&")).filter(pair -> !pair.isEmpty()).forEach(pair -> {
			var at = pair.indexOf('=');
			fields.put(URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
		});
		return fields;
	}

	/** A phone number no other test uses. */
	public static String freshPhone() {
		return "+316" + String.format("%08d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L));
	}

}
