package dev.postpurchase.notification.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.reactive.function.client.WebClient;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.postpurchase.contracts.notification.Channel;

/** What Meta's WhatsApp Cloud API receives from the WhatsApp sender, and how its answers become ids and failures. */
class WhatsAppSenderTests {

	static final String PHONE_NUMBER_ID = "106540352242922";

	static final String ACCESS_TOKEN = "EAAJB3rZCk8ZBMBO7xQ2ZCvZBb1h3ZCWd0ZAZBZCm4ZBZCuY1ZB8sVZC9kZD";

	static final String TO = "+31612345678";

	static final String WAMID = "wamid.HBgLMzE2MTIzNDU2NzgVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA";

	static final String PATH = "/v21.0/" + PHONE_NUMBER_ID + "/messages";

	static final String CUSTOMER = "Anna de Vries";

	@RegisterExtension
	static WireMockExtension meta = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void sendsMetaTheTemplateMessageWithItsBodyParametersAndEmitsTheMessageId() {
		meta.stubFor(post(PATH).willReturn(accepted()));

		var id = sender(settings(Duration.ofSeconds(5))).send(message(List.of(CUSTOMER, "4711", "10:00–12:00")))
			.block(Duration.ofSeconds(10));

		assertThat(id).isEqualTo(WAMID);
		meta.verify(1, postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + ACCESS_TOKEN))
			.withHeader("Content-Type", containing("application/json"))
			.withRequestBody(equalToJson("""
					{
					  "messaging_product": "whatsapp",
					  "recipient_type": "individual",
					  "to": "+31612345678",
					  "type": "template",
					  "template": {
					    "name": "out_for_delivery",
					    "language": {"code": "nl"},
					    "components": [{
					      "type": "body",
					      "parameters": [
					        {"type": "text", "text": "Anna de Vries"},
					        {"type": "text", "text": "4711"},
					        {"type": "text", "text": "10:00–12:00"}
					      ]
					    }]
					  }
					}""")));
	}

	@Test
	void sendsNoComponentsForATemplateWithoutParameters() {
		meta.stubFor(post(PATH).willReturn(accepted()));

		var id = sender(settings(Duration.ofSeconds(5))).send(message(List.of())).block(Duration.ofSeconds(10));

		assertThat(id).isEqualTo(WAMID);
		meta.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(equalToJson("""
				{
				  "messaging_product": "whatsapp",
				  "recipient_type": "individual",
				  "to": "+31612345678",
				  "type": "template",
				  "template": {"name": "out_for_delivery", "language": {"code": "nl"}}
				}""")));
	}

	@Test
	void aRecipientMetaRefusesIsAPermanentFailureWithTheGraphCodeAndWithoutTheNumber() {
		meta.stubFor(post(PATH).willReturn(graphError(400, 131030, "(#131030) Recipient phone number not in allowed list",
				"Recipient phone number " + TO + " not in allowed list: add it to the recipient list and try again.")));

		var failure = failureOf(sender(settings(Duration.ofSeconds(5))));

		assertThat(failure.permanent()).isTrue();
		assertThat(failure.code()).isEqualTo("131030");
		assertNothingPersonalIn(failure);
	}

	@ParameterizedTest(name = "{0} with Graph code {1}: {2}")
	@CsvSource(textBlock = """
			400, 131026, 131026,   true
			401, 190,    190,      false
			404, ,       HTTP_404, true
			400, 130429, 130429,   false
			400, 131056, 131056,   false
			400, 4,      4,        false
			429, 130429, HTTP_429, false
			408, ,       HTTP_408, false
			500, 1,      HTTP_500, false
			503, 131016, HTTP_503, false
			""")
	void mapsGraphErrorsToPermanentOrTransientFailures(int status, Integer graphCode, String code, boolean permanent) {
		meta.stubFor(post(PATH).willReturn(graphCode == null ? aResponse().withStatus(status)
				: graphError(status, graphCode, "(#" + graphCode + ") failed", "failed")));

		var failure = failureOf(sender(settings(Duration.ofSeconds(5))));

		assertThat(failure.code()).isEqualTo(code);
		assertThat(failure.permanent()).isEqualTo(permanent);
	}

	@Test
	void noAnswerWithinTheTimeoutIsATransientTimeout() {
		meta.stubFor(post(PATH).willReturn(accepted().withFixedDelay(5_000)));

		var failure = failureOf(sender(settings(Duration.ofMillis(300))));

		assertThat(failure.permanent()).isFalse();
		assertThat(failure.code()).isEqualTo("TimeoutException");
		assertNothingPersonalIn(failure);
	}

	@Test
	void aRefusedConnectionIsTransient() throws IOException {
		var sender = sender(new WhatsAppSettings("http://localhost:" + closedPort(), "v21.0", PHONE_NUMBER_ID,
				ACCESS_TOKEN, null, null, null, Duration.ofSeconds(5)));

		var failure = failureOf(sender);

		assertThat(failure.permanent()).isFalse();
		assertThat(failure.code()).isEqualTo("ConnectException");
		assertNothingPersonalIn(failure);
	}

	@Test
	void isConfiguredWithAPhoneNumberIdAndAnAccessToken() {
		assertThat(sender(settings(Duration.ofSeconds(5))).configured()).isTrue();
		assertThat(sender(new WhatsAppSettings(meta.baseUrl(), "v21.0", PHONE_NUMBER_ID, " ", null, null, null,
				Duration.ofSeconds(5))).configured()).isFalse();
		assertThat(sender(settings(Duration.ofSeconds(5))).channel()).isEqualTo(Channel.WHATSAPP);
	}

	private WhatsAppSender sender(WhatsAppSettings settings) {
		return new WhatsAppSender(settings, WebClient.builder());
	}

	private WhatsAppSettings settings(Duration timeout) {
		return new WhatsAppSettings(meta.baseUrl(), "v21.0", PHONE_NUMBER_ID, ACCESS_TOKEN, "app-secret", null,
				"verify-token", timeout);
	}

	private static Outgoing message(List<String> parameters) {
		return new Outgoing("5d0c2a7e-3b9f-4c61-8e2d-7a1f0b9c4e35", TO, Content.whatsapp("out-for-delivery.whatsapp",
				"nl", "Hallo Anna de Vries, je pakket 4711 komt vandaag.", "out_for_delivery", parameters), null);
	}

	private static ProviderException failureOf(WhatsAppSender sender) {
		var thrown = catchThrowable(() -> sender.send(message(List.of(CUSTOMER))).block(Duration.ofSeconds(10)));
		assertThat(thrown).isInstanceOf(ProviderException.class);
		return (ProviderException) thrown;
	}

	/** Neither the number (with or without its +) nor the customer's name anywhere in the failure or its causes. */
	private static void assertNothingPersonalIn(Throwable failure) {
		for (var current = failure; current != null; current = current.getCause()) {
			assertThat(String.valueOf(current.getMessage())).doesNotContain(TO.substring(1), CUSTOMER);
			assertThat(current.toString()).doesNotContain(TO.substring(1), CUSTOMER);
		}
	}

	private static ResponseDefinitionBuilder accepted() {
		return okJson("""
				{"messaging_product": "whatsapp",
				 "contacts": [{"input": "%s", "wa_id": "%s"}],
				 "messages": [{"id": "%s", "message_status": "accepted"}]}""".formatted(TO, TO.substring(1), WAMID));
	}

	private static ResponseDefinitionBuilder graphError(int status, int code, String message, String details) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
				{"error": {"message": "%s", "type": "OAuthException", "code": %d,
				 "error_data": {"messaging_product": "whatsapp", "details": "%s"},
				 "fbtrace_id": "AazHn3sLXaiU1VQr4Ha2fNo"}}""".formatted(message, code, details));
	}

	private static int closedPort() throws IOException {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
