package dev.postpurchase.notification.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.NotificationEngaged;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.kit.webhook.TwilioSignatures;
import dev.postpurchase.notification.NotificationServiceIntegrationTest;
import dev.postpurchase.notification.ProviderStandIn;
import dev.postpurchase.notification.engagement.SentMessages.Sent;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code POST /webhooks/twilio/status} as Twilio calls it: form-encoded, signed over the configured
 * status callback URL and the parameters.
 */
@NotificationServiceIntegrationTest
class EngagementTwilioStatusIntegrationTests {

	static final String CALLBACK_URL = "https://notifications.example.test/webhooks/twilio/status";

	static final String AUTH_TOKEN = ProviderStandIn.AUTH_TOKEN;

	static final String PREVIOUS_AUTH_TOKEN = "test-twilio-previous-token-0123456";

	static final String ACCOUNT_SID = ProviderStandIn.ACCOUNT_SID;

	@Autowired
	WebTestClient web;

	@Autowired
	MeterRegistry meters;

	SentMessages messages;

	@Autowired
	void setUp(ReactiveMongoTemplate mongo, Clock clock) {
		this.messages = new SentMessages(mongo, clock);
	}

	@Test
	void aSignedDeliveredCallbackPublishesDeliveredOnceEvenWhenTwilioPostsItTwice() {
		var sms = messages.sent(Channel.SMS);
		var delivered = callback(sms.providerMessageId(), "delivered", null);

		post(delivered, sign(AUTH_TOKEN, delivered)).expectStatus().isNoContent().expectBody().isEmpty();
		post(delivered, sign(AUTH_TOKEN, delivered)).expectStatus().isNoContent();

		var published = messages.await(sms, NotificationEngaged.TYPE, 1);
		assertThat(published.get(0).value()).contains("\"engagement\":\"DELIVERED\"", "\"channel\":\"SMS\"",
				"\"orderId\":\"" + sms.orderId() + "\"");
		assertThat(messages.entry(sms).getList("engagements", String.class)).containsExactly("DELIVERED");
		// a later event of the same message is published after everything before it
		var read = callback(sms.providerMessageId(), "read", null);
		post(read, sign(AUTH_TOKEN, read)).expectStatus().isNoContent();
		messages.await(sms, NotificationEngaged.TYPE, 2);
		var all = messages.all(sms, NotificationEngaged.TYPE);
		assertThat(SentMessages.engagement(all, "DELIVERED")).hasSize(1);
		assertThat(SentMessages.engagement(all, "OPENED")).hasSize(1);
	}

	@Test
	void badMissingOrMisplacedSignaturesAre401CountedAndRecordNothing() {
		var sms = messages.sent(Channel.SMS);
		var delivered = callback(sms.providerMessageId(), "delivered", null);
		var sent = callback(sms.providerMessageId(), "sent", null);
		var failures = meters.counter("webhook.signature.failures", "source", "twilio");
		var before = failures.count();

		unauthorized(post(delivered, sign("not-the-auth-token-0123456789abcdef", delivered)));
		unauthorized(post(delivered, null));
		// signed for the address the request reached (behind a proxy), not the configured one Twilio signs
		unauthorized(post(delivered, TwilioSignatures.sign(AUTH_TOKEN, "http://localhost/webhooks/twilio/status",
				delivered)));
		// Twilio's signature of a "sent" callback, with the status changed
		unauthorized(post(delivered, sign(AUTH_TOKEN, sent)));

		assertThat(failures.count() - before).isEqualTo(4);
		assertThat(messages.entry(sms).get("engagements")).isNull();
		var failed = callback(sms.providerMessageId(), "failed", "30003");
		post(failed, sign(AUTH_TOKEN, failed)).expectStatus().isNoContent();
		messages.await(sms, NotificationFailed.TYPE, 1);
		assertThat(messages.all(sms, NotificationEngaged.TYPE)).isEmpty();
	}

	@Test
	void duringARotationACallbackSignedWithThePreviousAuthTokenIsAccepted() {
		var sms = messages.sent(Channel.SMS);
		var delivered = callback(sms.providerMessageId(), "delivered", null);

		post(delivered, sign(PREVIOUS_AUTH_TOKEN, delivered)).expectStatus().isNoContent();

		assertThat(messages.await(sms, NotificationEngaged.TYPE, 1).get(0).value())
			.contains("\"engagement\":\"DELIVERED\"");
	}

	@Test
	void aSignedCallbackAboutAnotherAccountIs403AndRecordsNothing() {
		var sms = messages.sent(Channel.SMS);
		var delivered = callback(sms.providerMessageId(), "delivered", null);
		delivered.set("AccountSid", "ACffffffffffffffffffffffffffffffff");

		post(delivered, sign(AUTH_TOKEN, delivered)).expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

		assertThat(messages.entry(sms).get("engagements")).isNull();
	}

	@Test
	void aFailedSmsPublishesNotificationFailedOnceWithTwiliosErrorCodeAndStaysSent() {
		var sms = messages.sent(Channel.SMS);
		var failed = callback(sms.providerMessageId(), "failed", "30003");
		var undelivered = callback(sms.providerMessageId(), "undelivered", "30005");

		post(failed, sign(AUTH_TOKEN, failed)).expectStatus().isNoContent();
		post(failed, sign(AUTH_TOKEN, failed)).expectStatus().isNoContent();
		post(undelivered, sign(AUTH_TOKEN, undelivered)).expectStatus().isNoContent();

		var published = messages.await(sms, NotificationFailed.TYPE, 1);
		assertThat(published.get(0).value()).contains("\"errorCode\":\"30003\"", "\"willRetry\":false",
				"\"channel\":\"SMS\"", "\"milestone\":\"SHIPPED\"", "\"attempts\":1");
		var entry = messages.entry(sms);
		assertThat(entry.getString("status")).isEqualTo("SENT");
		assertThat(entry.getBoolean("deliveryFailed")).isTrue();
		assertThat(entry.getString("deliveryError")).isEqualTo("30003");
		var delivered = callback(sms.providerMessageId(), "delivered", null);
		post(delivered, sign(AUTH_TOKEN, delivered)).expectStatus().isNoContent();
		messages.await(sms, NotificationEngaged.TYPE, 1);
		assertThat(messages.all(sms, NotificationFailed.TYPE)).hasSize(1);
	}

	@Test
	void interimStatusesUnknownMessagesAndUnsentOnesAre204AndChangeNothing() {
		var sms = messages.sent(Channel.SMS);
		var pending = messages.pending(Channel.SMS);
		for (var status : List.of("queued", "sending", "sent", "accepted", "scheduled")) {
			var interim = callback(sms.providerMessageId(), status, null);
			post(interim, sign(AUTH_TOKEN, interim)).expectStatus().isNoContent();
		}
		var unknown = callback("SM00000000000000000000000000000000", "delivered", null);
		post(unknown, sign(AUTH_TOKEN, unknown)).expectStatus().isNoContent();
		// a message that is not SENT has no provider id yet; whatever a callback claims, it stays as it is
		var forPending = callback(pending.notificationId(), "delivered", null);
		post(forPending, sign(AUTH_TOKEN, forPending)).expectStatus().isNoContent();

		assertThat(messages.entry(sms).get("engagements")).isNull();
		assertThat(messages.entry(pending).get("engagements")).isNull();
	}

	@Test
	void aSignedCallbackWithoutMessageSidIs400() {
		var incomplete = callback("SM11111111111111111111111111111111", "delivered", null);
		incomplete.remove("MessageSid");

		post(incomplete, sign(AUTH_TOKEN, incomplete)).expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	/** The parameters Twilio posts for an outbound SMS's status. */
	private static MultiValueMap<String, String> callback(String sid, String status, String errorCode) {
		var form = new LinkedMultiValueMap<String, String>();
		form.add("ApiVersion", "2010-04-01");
		form.add("AccountSid", ACCOUNT_SID);
		form.add("MessageSid", sid);
		form.add("SmsSid", sid);
		form.add("MessageStatus", status);
		form.add("SmsStatus", status);
		form.add("From", "+3197010260000");
		form.add("To", "+31612345678");
		if (errorCode != null) {
			form.add("ErrorCode", errorCode);
		}
		return form;
	}

	private static String sign(String authToken, MultiValueMap<String, String> form) {
		return TwilioSignatures.sign(authToken, CALLBACK_URL, form);
	}

	private ResponseSpec post(MultiValueMap<String, String> form, String signature) {
		return web.post()
			.uri("/webhooks/twilio/status")
			.headers(headers -> {
				if (signature != null) {
					headers.set(TwilioSignatures.HEADER, signature);
				}
			})
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.exchange();
	}

	private static void unauthorized(ResponseSpec response) {
		response.expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
