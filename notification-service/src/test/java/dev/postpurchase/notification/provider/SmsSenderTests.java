package dev.postpurchase.notification.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.reactive.function.client.WebClient;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.postpurchase.contracts.notification.Channel;

/** What Twilio receives from the SMS sender, and how Twilio's answers become ids and failures. */
class SmsSenderTests {

	static final String ACCOUNT_SID = "AC3f9a2b7c1d4e5f60718293a4b5c6d7e8";

	static final String AUTH_TOKEN = "9e1c7b3a5d2f4e6a8b0c1d2e3f4a5b6c";

	static final String MESSAGING_SERVICE_SID = "MG5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d";

	static final String FROM = "+3197010520000";

	static final String TO = "+31612345678";

	static final String SID = "SMb7c4e1f0a9d8c7b6a5f4e3d2c1b0a9f8";

	static final String STATUS_CALLBACK = "https://notifications.postpurchase.dev/webhooks/twilio/status";

	static final String PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

	// characters a form must encode (&, =, ?, +) and some beyond ASCII
	static final String BODY = "Ihr Paket für Bestellung 4711 kommt heute – verfolgen: "
			+ "https://postpurchase.dev/track/ord-4711?token=a+b&lang=de";

	@RegisterExtension
	static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void sendsTwilioTheFormOfItsMessagesResourceAndEmitsTheSid() {
		twilio.stubFor(post(PATH).willReturn(created()));

		var sid = sender(settings(FROM, null, STATUS_CALLBACK)).send(message()).block(Duration.ofSeconds(10));

		assertThat(sid).isEqualTo(SID);
		twilio.verify(1, postRequestedFor(urlEqualTo(PATH))
			.withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN))
			.withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
			.withHeader("Accept", equalTo("application/json"))
			.withFormParam("To", equalTo(TO))
			.withFormParam("From", equalTo(FROM))
			.withFormParam("Body", equalTo(BODY))
			.withFormParam("StatusCallback", equalTo(STATUS_CALLBACK))
			.withoutFormParam("MessagingServiceSid"));
	}

	@Test
	void sendsFromTheMessagingServiceWhenOneIsConfiguredAndNoCallbackWhenNoneIs() {
		twilio.stubFor(post(PATH).willReturn(created()));

		var sid = sender(settings(null, MESSAGING_SERVICE_SID, null)).send(message()).block(Duration.ofSeconds(10));

		assertThat(sid).isEqualTo(SID);
		twilio.verify(1, postRequestedFor(urlEqualTo(PATH)).withFormParam("To", equalTo(TO))
			.withFormParam("MessagingServiceSid", equalTo(MESSAGING_SERVICE_SID))
			.withFormParam("Body", equalTo(BODY))
			.withoutFormParam("From")
			.withoutFormParam("StatusCallback"));
	}

	@Test
	void anInvalidNumberIsAPermanentFailureWithTwilioCodeAndWithoutTheNumber() {
		// Twilio repeats the number in its message
		twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"code": 21211, "message": "The 'To' number %s is not a valid phone number.",
					 "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}""".formatted(TO))));

		var failure = failureOf(sender(settings(FROM, null, null)));

		assertThat(failure.permanent()).isTrue();
		assertThat(failure.code()).isEqualTo("21211");
		assertNothingPersonalIn(failure);
	}

	@ParameterizedTest(name = "{0} answered with code {1}: {2}")
	@CsvSource(textBlock = """
			401, 20003, 20003,    false
			404, ,      HTTP_404, true
			500, 20500, HTTP_500, false
			503, ,      HTTP_503, false
			429, 20429, HTTP_429, false
			408, ,      HTTP_408, false
			""")
	void mapsTwilioStatusesToPermanentOrTransientFailures(int status, Integer twilioCode, String code,
			boolean permanent) {
		var body = twilioCode == null ? "" : """
				{"code": %d, "message": "failed", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}"""
			.formatted(twilioCode, twilioCode, status);
		twilio.stubFor(post(PATH)
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));

		var failure = failureOf(sender(settings(FROM, null, null)));

		assertThat(failure.code()).isEqualTo(code);
		assertThat(failure.permanent()).isEqualTo(permanent);
	}

	@Test
	void noAnswerWithinTheTimeoutIsATransientTimeout() {
		twilio.stubFor(post(PATH).willReturn(created().withFixedDelay(5_000)));
		var sender = sender(new SmsSettings(twilio.baseUrl(), ACCOUNT_SID, AUTH_TOKEN, null, FROM, null, null,
				Duration.ofMillis(300)));

		var failure = failureOf(sender);

		assertThat(failure.permanent()).isFalse();
		assertThat(failure.code()).isEqualTo("TimeoutException");
		assertNothingPersonalIn(failure);
	}

	@Test
	void aRefusedConnectionIsTransient() throws IOException {
		var sender = sender(new SmsSettings("http://localhost:" + closedPort(), ACCOUNT_SID, AUTH_TOKEN, null, FROM,
				null, null, Duration.ofSeconds(5)));

		var failure = failureOf(sender);

		assertThat(failure.permanent()).isFalse();
		assertThat(failure.code()).isEqualTo("ConnectException");
		assertNothingPersonalIn(failure);
	}

	@Test
	void aSuccessWithoutASidIsPermanentSinceTwilioMayHaveTakenTheMessage() {
		twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withBody("<html>created</html>")));

		var failure = failureOf(sender(settings(FROM, null, null)));

		assertThat(failure.permanent()).isTrue();
		assertThat(failure.code()).isEqualTo("UNREADABLE_RESPONSE");
	}

	@Test
	void isConfiguredWithCredentialsAndASender() {
		assertThat(sender(settings(FROM, null, null)).configured()).isTrue();
		assertThat(sender(settings(null, MESSAGING_SERVICE_SID, null)).configured()).isTrue();
		assertThat(sender(settings(null, null, null)).configured()).isFalse();
		assertThat(sender(settings(FROM, null, null)).channel()).isEqualTo(Channel.SMS);
	}

	private SmsSender sender(SmsSettings settings) {
		return new SmsSender(settings, WebClient.builder());
	}

	private SmsSettings settings(String from, String messagingServiceSid, String statusCallbackUrl) {
		return new SmsSettings(twilio.baseUrl(), ACCOUNT_SID, AUTH_TOKEN, null, from, messagingServiceSid,
				statusCallbackUrl, Duration.ofSeconds(5));
	}

	private static Outgoing message() {
		return new Outgoing("0b6f3c1e-8f5a-4d0e-9a43-2f7c9e1d5b60", TO,
				Content.text("out-for-delivery.sms", "de", BODY), null);
	}

	private static ProviderException failureOf(SmsSender sender) {
		var thrown = catchThrowable(() -> sender.send(message()).block(Duration.ofSeconds(10)));
		assertThat(thrown).isInstanceOf(ProviderException.class);
		return (ProviderException) thrown;
	}

	/** Neither the number (with or without its +) nor the text anywhere in the failure or its causes. */
	static void assertNothingPersonalIn(Throwable failure) {
		for (var current = failure; current != null; current = current.getCause()) {
			assertThat(String.valueOf(current.getMessage())).doesNotContain(TO.substring(1), BODY);
			assertThat(current.toString()).doesNotContain(TO.substring(1), BODY);
		}
	}

	private static ResponseDefinitionBuilder created() {
		return okJson("""
				{"account_sid": "%s", "api_version": "2010-04-01", "body": "Ihr Paket ...",
				 "date_created": "Thu, 24 Aug 2023 05:01:45 +0000", "date_sent": null,
				 "date_updated": "Thu, 24 Aug 2023 05:01:45 +0000", "direction": "outbound-api",
				 "error_code": null, "error_message": null, "from": "%s", "messaging_service_sid": null,
				 "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD", "sid": "%s",
				 "status": "queued", "to": "%s",
				 "uri": "/2010-04-01/Accounts/%s/Messages/%s.json"}"""
			.formatted(ACCOUNT_SID, FROM, SID, TO, ACCOUNT_SID, SID)).withStatus(201);
	}

	private static int closedPort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
