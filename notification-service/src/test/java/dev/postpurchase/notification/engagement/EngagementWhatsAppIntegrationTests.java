package dev.postpurchase.notification.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.NotificationEngaged;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.notification.NotificationServiceIntegrationTest;
import dev.postpurchase.notification.engagement.SentMessages.Sent;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code /webhooks/whatsapp} as Meta calls it: the subscription handshake, and message status
 * deliveries signed with {@code X-Hub-Signature-256}, in the WhatsApp Cloud API's documented shape.
 */
@NotificationServiceIntegrationTest
class EngagementWhatsAppIntegrationTests {

	static final String APP_SECRET = "test-whatsapp-app-secret-0123456789";

	static final String PREVIOUS_APP_SECRET = "test-whatsapp-previous-secret-01234";

	static final String VERIFY_TOKEN = "test-whatsapp-verify-token";

	@Autowired
	WebTestClient web;

	@Autowired
	MeterRegistry meters;

	@Autowired
	Clock clock;

	SentMessages messages;

	@Autowired
	void setUp(ReactiveMongoTemplate mongo) {
		this.messages = new SentMessages(mongo, clock);
	}

	@Test
	void theSubscriptionHandshakeAnswersTheChallengeOnlyForOurVerifyToken() {
		var body = web.get()
			.uri("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token={token}&hub.challenge=1158201444",
					VERIFY_TOKEN)
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(body).isEqualTo("1158201444");

		web.get().uri("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guessed&hub.challenge=1158201444")
			.exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.status").isEqualTo(403);
		web.get().uri("/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token={token}&hub.challenge=1", VERIFY_TOKEN)
			.exchange()
			.expectStatus().isForbidden();
		web.get().uri("/webhooks/whatsapp?hub.challenge=1158201444").exchange().expectStatus().isForbidden();
	}

	@Test
	void aSignedReadPublishesOpenedAndTheDeliveryItImpliesEachOnceAtMetasTime() {
		var message = messages.sent(Channel.WHATSAPP);
		var readAt = clock.instant().minusSeconds(30).getEpochSecond();
		var read = payload(status(message, "read", readAt, null));

		post(read, signature(APP_SECRET, read)).expectStatus().isOk()
			.expectBody().jsonPath("$.statuses").isEqualTo(1).jsonPath("$.recorded").isEqualTo(1);
		// Meta's delivered webhook arrives after the read one, and the read one comes again
		var delivered = payload(status(message, "delivered", readAt - 5, null));
		post(delivered, signature(APP_SECRET, delivered)).expectStatus().isOk()
			.expectBody().jsonPath("$.recorded").isEqualTo(0);
		post(read, signature(APP_SECRET, read)).expectStatus().isOk();

		var published = messages.await(message, NotificationEngaged.TYPE, 2);
		assertThat(SentMessages.engagement(published, "OPENED").get(0).value()).contains("\"channel\":\"WHATSAPP\"",
				"\"occurredAt\":\"" + Instant.ofEpochSecond(readAt) + "\"");
		assertThat(messages.entry(message).getList("engagements", String.class))
			.containsExactlyInAnyOrder("DELIVERED", "OPENED");
		var failed = payload(status(message, "failed", readAt, 131026));
		post(failed, signature(APP_SECRET, failed)).expectStatus().isOk();
		messages.await(message, NotificationFailed.TYPE, 1);
		var all = messages.all(message, NotificationEngaged.TYPE);
		assertThat(SentMessages.engagement(all, "DELIVERED")).hasSize(1);
		assertThat(SentMessages.engagement(all, "OPENED")).hasSize(1);
	}

	@Test
	void badOrMissingSignaturesAre401CountedAndRecordNothing() {
		var message = messages.sent(Channel.WHATSAPP);
		var read = payload(status(message, "read", clock.instant().getEpochSecond(), null));
		var other = payload(status(message, "delivered", clock.instant().getEpochSecond(), null));
		var failures = meters.counter("webhook.signature.failures", "source", "whatsapp");
		var before = failures.count();

		unauthorized(post(read, signature("not-the-app-secret-0123456789abcdef", read)));
		unauthorized(post(read, null));
		unauthorized(post(read, signature(APP_SECRET, other)));
		// the right HMAC without Meta's "sha256=" prefix
		unauthorized(post(read, HmacSignatures.signHex(APP_SECRET, read.getBytes(StandardCharsets.UTF_8))));

		assertThat(failures.count() - before).isEqualTo(4);
		assertThat(messages.entry(message).get("engagements")).isNull();
	}

	@Test
	void duringARotationADeliverySignedWithThePreviousAppSecretIsAccepted() {
		var message = messages.sent(Channel.WHATSAPP);
		var delivered = payload(status(message, "delivered", clock.instant().getEpochSecond(), null));

		post(delivered, signature(PREVIOUS_APP_SECRET, delivered)).expectStatus().isOk()
			.expectBody().jsonPath("$.recorded").isEqualTo(1);

		assertThat(messages.await(message, NotificationEngaged.TYPE, 1).get(0).value())
			.contains("\"engagement\":\"DELIVERED\"");
	}

	@Test
	void aFailedMessagePublishesNotificationFailedWithMetasErrorCode() {
		var message = messages.sent(Channel.WHATSAPP);
		var failed = payload(status(message, "failed", clock.instant().getEpochSecond(), 131026));

		post(failed, signature(APP_SECRET, failed)).expectStatus().isOk();

		assertThat(messages.await(message, NotificationFailed.TYPE, 1).get(0).value())
			.contains("\"errorCode\":\"131026\"", "\"willRetry\":false", "\"channel\":\"WHATSAPP\"");
		assertThat(messages.entry(message).getString("status")).isEqualTo("SENT");
		assertThat(messages.entry(message).getString("deliveryError")).isEqualTo("131026");
	}

	@Test
	void aBatchOfStatusesIsHandledStatusByStatusAndForeignOrUnknownOnesAreSkipped() {
		var first = messages.sent(Channel.WHATSAPP);
		var second = messages.sent(Channel.WHATSAPP);
		var sms = messages.sent(Channel.SMS);
		var now = clock.instant().getEpochSecond();
		var batch = """
				{"object":"whatsapp_business_account","entry":[
				 {"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
				  "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
				  "statuses":[%s,%s]}}]},
				 {"id":"102290129340398","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
				  "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
				  "statuses":[%s,%s,%s]}}]}]}
				""".formatted(status(first, "sent", now, null), status(first, "delivered", now, null),
				status(second, "read", now, null), status(sms, "delivered", now, null),
				status("wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJ1bmtub3du", "delivered", now, null));

		post(batch, signature(APP_SECRET, batch)).expectStatus().isOk()
			.expectBody().jsonPath("$.statuses").isEqualTo(5).jsonPath("$.recorded").isEqualTo(2);

		assertThat(messages.entry(first).getList("engagements", String.class)).containsExactly("DELIVERED");
		assertThat(messages.entry(second).getList("engagements", String.class))
			.containsExactlyInAnyOrder("DELIVERED", "OPENED");
		// an SMS's provider id in a WhatsApp status is not that SMS
		assertThat(messages.entry(sms).get("engagements")).isNull();
	}

	@Test
	void aSignedBodyThatIsNotJsonIs400() {
		var body = "{\"object\":\"whatsapp_business_account\",\"entry\":[";

		post(body, signature(APP_SECRET, body)).expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	/** One status of {@code statuses[]}, as Meta documents it (recipient included, as Meta sends it). */
	private static String status(Sent message, String status, long timestamp, Integer errorCode) {
		return status(message.providerMessageId(), status, timestamp, errorCode);
	}

	private static String status(String wamid, String status, long timestamp, Integer errorCode) {
		var errors = errorCode == null ? "" : """
				,"errors":[{"code":%d,"title":"Message undeliverable","message":"Message undeliverable",
				"error_data":{"details":"Message failed to send because of an unknown error."},
				"href":"https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"}]"""
			.formatted(errorCode);
		var billing = !status.equals("sent") ? "" : """
				,"conversation":{"id":"a75d17ad06104c51166f948319b03c6a","expiration_timestamp":"%d",
				"origin":{"type":"utility"}},"pricing":{"billable":true,"pricing_model":"CBP","category":"utility"}"""
			.formatted(timestamp + 86400);
		return """
				{"id":"%s","status":"%s","timestamp":"%d","recipient_id":"16505551234"%s%s}"""
			.formatted(wamid, status, timestamp, billing, errors);
	}

	/** A delivery with one status. */
	private static String payload(String status) {
		return """
				{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{
				"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
				"phone_number_id":"106540352242922"},"statuses":[%s]},"field":"messages"}]}]}""".formatted(status);
	}

	private static String signature(String secret, String body) {
		return "sha256=" + HmacSignatures.signHex(secret, body.getBytes(StandardCharsets.UTF_8));
	}

	private ResponseSpec post(String body, String signature) {
		return web.post()
			.uri("/webhooks/whatsapp")
			.headers(headers -> {
				if (signature != null) {
					headers.set("X-Hub-Signature-256", signature);
				}
			})
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body.getBytes(StandardCharsets.UTF_8))
			.exchange();
	}

	private static void unauthorized(ResponseSpec response) {
		response.expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
