package dev.postpurchase.notification;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.kit.webhook.TwilioSignatures;
import dev.postpurchase.notification.Messages.Order;
import dev.postpurchase.notification.recipient.Recipients;
import dev.postpurchase.testkit.BadJson;
import dev.postpurchase.testkit.BadJsonClient;
import dev.postpurchase.testkit.BadJsonClient.Request;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every endpoint of notification-service that takes a body, fed mutated and random input with the
 * right credentials (a bearer token, a valid preferences link, a valid webhook signature): the answer
 * is a 2xx or a 4xx problem, never a 5xx, and the preferences changed read back whole.
 */
@NotificationServiceIntegrationTest
class BadInputPropertiesTests {

	static final String PREFERENCES = """
			{"channels": {"EMAIL": false, "SMS": true}, "language": "nl", "timeZone": "Europe/Amsterdam",
			 "quietHours": {"start": "22:00", "end": "07:30"}}""";

	@Autowired
	WebTestClient web;

	@Autowired
	CustomerLinks links;

	@Autowired
	Recipients recipients;

	@Autowired
	MutableClock clock;

	final Messages messages = new Messages();

	@Test
	void agentsChangingPreferences() {
		var customerId = "cus_bad_" + System.nanoTime();
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("PUT /api/v1/customers/{id}/preferences", 150, Request.of(BadJson.of(PREFERENCES)),
				request -> client.send(HttpMethod.PUT, "/api/v1/customers/{id}/preferences", request,
						BadJsonClient.as(caller, "support"), customerId));
		assertReadable(customerId);
	}

	@Test
	void agentsChangingPreferencesOfAnyCustomerId() {
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("PUT /api/v1/customers/{any id}/preferences", 40, BadJson::hostileString, customerId -> {
			var answer = client.sendToHostileUri(HttpMethod.PUT, "/api/v1/customers/{id}/preferences",
					PREFERENCES.getBytes(), BadJsonClient.as(caller, "support"), customerId);
			// a lone surrogate cannot travel in a URI: it arrives as '?'
			if (answer.ok() && customerId.codePoints().noneMatch(point -> point >= 0xD800 && point <= 0xDFFF)) {
				assertThat(answer.json().get("customerId").asString()).isEqualTo(customerId);
			}
		});
	}

	@Test
	void aCustomerIdThatCannotBeLoggedAsItIsIsRejected() {
		// regression: the id went into the change's log line as it was: an escape sequence into the
		// operator's terminal, U+FFFF into the XML test report, which then could not be read
		for (var customerId : List.of("\uFFFF\uFFFE", "cus\u001B[31m")) {
			web.put().uri("/api/v1/customers/{id}/preferences", customerId)
				.headers(h -> h.setBearerAuth(TestTokens.of("support")))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(PREFERENCES)
				.exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.detail").isEqualTo("customerId: at most 128 printable characters");
		}
	}

	@Test
	void customersChangingPreferencesAndUnsubscribing() {
		var order = placed();
		var token = links.issue(order.orderId(), LinkPurpose.PREFERENCES);
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		Consumer<HttpHeaders> browser = headers -> headers.set("X-Forwarded-For", caller);
		BadJson.forAll("PUT /api/v1/customer/orders/{id}/preferences", 150, Request.of(BadJson.of(PREFERENCES)),
				request -> client.send(HttpMethod.PUT, "/api/v1/customer/orders/{id}/preferences?token={token}", request,
						browser, order.orderId(), token));
		BadJson.forAll("POST /api/v1/customer/orders/{id}/unsubscribe", 60,
				random -> new Request(BadJson.Variant.of("channel", BadJson.hostileString(random)),
						BadJson.contentType(random)),
				request -> client.send(HttpMethod.POST,
						"/api/v1/customer/orders/{id}/unsubscribe?token={token}&channel={channel}",
						"List-Unsubscribe=One-Click".getBytes(), request.contentType(), browser, order.orderId(), token,
						request.variant().text()));
		client.assertBodiesWereJudged();
		assertReadable(order.customerId());
	}

	@Test
	void whatsAppStatusWebhooks() {
		var now = clock.instant().getEpochSecond();
		var deliveries = BadJson.of("""
				{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [{"value": {
				 "messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881",
				 "phone_number_id": "106540352242922"}, "statuses": [{"id": "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBJBQkNE",
				 "status": "read", "timestamp": "%d", "recipient_id": "16505551234",
				 "errors": [{"code": 131026, "title": "Message undeliverable"}]}]}, "field": "messages"}]}]}"""
			.formatted(now));
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /webhooks/whatsapp", 150, Request.of(deliveries),
				request -> client.send(HttpMethod.POST, "/webhooks/whatsapp", request, headers -> {
					headers.set("X-Forwarded-For", caller);
					headers.set("X-Hub-Signature-256",
							"sha256=" + HmacSignatures.signHex("test-whatsapp-app-secret-0123456789", request.variant().body()));
				}));
		client.assertBodiesWereJudged();
	}

	@Test
	void twilioStatusCallbacks() {
		var callbacks = BadJson.of("""
				{"ApiVersion": "2010-04-01", "AccountSid": "%s", "MessageSid": "SM0123456789abcdef0123456789abcdef",
				 "SmsSid": "SM0123456789abcdef0123456789abcdef", "MessageStatus": "undelivered",
				 "SmsStatus": "undelivered", "From": "+3197010260000", "To": "+31612345678", "ErrorCode": "30005"}"""
			.formatted(ProviderStandIn.ACCOUNT_SID));
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /webhooks/twilio/status", 150, Request.of(callbacks), request -> {
			// Twilio posts a form: the fields of a variant that is still an object become its parameters
			var form = form(request.variant());
			var body = form == null ? request.variant().body() : encode(form);
			client.send(HttpMethod.POST, "/webhooks/twilio/status", body,
					form == null ? request.contentType() : MediaType.APPLICATION_FORM_URLENCODED_VALUE, headers -> {
						headers.set("X-Forwarded-For", caller);
						headers.set(TwilioSignatures.HEADER, TwilioSignatures.sign(ProviderStandIn.AUTH_TOKEN,
								"https://notifications.example.test/webhooks/twilio/status",
								form == null ? new LinkedMultiValueMap<>() : form));
					});
		});
		// not assertBodiesWereJudged: a form without our AccountSid is refused with a 403, as it should be,
		// and a lone surrogate is signed here as itself but arrives as '?' (401)
		assertThat(client.statuses()).containsKey(204);
	}

	/** The customer's preferences read back through the agents' API, with every channel's setting. */
	private void assertReadable(String customerId) {
		web.get().uri("/api/v1/customers/{id}/preferences", customerId)
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.customerId").isEqualTo(customerId)
			.jsonPath("$.channels.EMAIL").isBoolean()
			.jsonPath("$.channels.SMS").isBoolean()
			.jsonPath("$.channels.WHATSAPP").isBoolean();
	}

	private Order placed() {
		var order = Order.fresh();
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(order, "en-GB", true));
		await().atMost(Duration.ofSeconds(30)).until(() -> recipients.of(order.orderId()).blockOptional().isPresent());
		return order;
	}

	private static MultiValueMap<String, String> form(BadJson.Variant variant) {
		JsonNode tree;
		try {
			tree = JsonMapper.shared().readTree(variant.body());
		}
		catch (RuntimeException ex) {
			return null;
		}
		if (!tree.isObject()) {
			return null;
		}
		var form = new LinkedMultiValueMap<String, String>();
		tree.properties().forEach(field -> form.add(field.getKey(),
				field.getValue().isString() ? field.getValue().asString() : field.getValue().toString()));
		return form;
	}

	private static byte[] encode(MultiValueMap<String, String> form) {
		var body = new StringBuilder();
		form.forEach((name, values) -> values.forEach(value -> body.append(body.isEmpty() ? "" : "&")
			.append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
			.append('=')
			.append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8))));
		return body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

}
