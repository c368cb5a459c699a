package dev.postpurchase.localstack;

import java.time.Duration;
import java.util.ArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.postpurchase.kit.webhook.HmacSignatures;

import static dev.postpurchase.localstack.SimulatorFixture.ACCESS_TOKEN;
import static dev.postpurchase.localstack.SimulatorFixture.APP_SECRET;
import static dev.postpurchase.localstack.SimulatorFixture.PHONE_NUMBER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The WhatsApp Cloud API simulator, called as notification-service calls Meta. */
class SimulatorsWhatsAppTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String TEMPLATE_MESSAGE = """
			{"messaging_product": "whatsapp", "recipient_type": "individual", "to": "+447700900123", "type": "template",
			 "template": {"name": "order_shipped", "language": {"code": "en_GB"},
			              "components": [{"type": "body", "parameters": [{"type": "text", "text": "Oliver"},
			                                                             {"type": "text", "text": "WS-42"}]}]}}
			""";

	private final SimulatorFixture simulators = SimulatorFixture.start();

	@AfterEach
	void stop() {
		this.simulators.close();
	}

	@Test
	void acceptsATemplateMessageAndAnswersAsTheCloudApi() {
		var response = this.simulators.postWhatsApp(PHONE_NUMBER_ID, ACCESS_TOKEN, TEMPLATE_MESSAGE);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var answer = JSON.readTree(response.body());
		assertThat(answer.get("messaging_product").asString()).isEqualTo("whatsapp");
		assertThat(answer.get("contacts").get(0).get("input").asString()).isEqualTo("+447700900123");
		assertThat(answer.get("contacts").get(0).get("wa_id").asString()).isEqualTo("447700900123");
		var wamid = answer.get("messages").get(0).get("id").asString();
		assertThat(wamid).startsWith("wamid.").hasSizeGreaterThan(20);

		var listed = JSON.readTree(this.simulators.get("/whatsapp").body());
		assertThat(listed).hasSize(1);
		var message = listed.get(0);
		assertThat(message.get("id").asString()).isEqualTo(wamid);
		assertThat(message.get("to").asString()).isEqualTo("+447700900123");
		assertThat(message.get("template").asString()).isEqualTo("order_shipped");
		assertThat(message.get("language").asString()).isEqualTo("en_GB");
		assertThat(message.get("parameters")).extracting(JsonNode::asString).containsExactly("Oliver", "WS-42");
		assertThat(message.get("time").asString()).isEqualTo("2026-11-25T10:15:30Z");
	}

	@Test
	void postsSignedStatusWebhooksInTheCloudApiFormat() {
		var response = this.simulators.postWhatsApp(PHONE_NUMBER_ID, ACCESS_TOKEN, TEMPLATE_MESSAGE);
		var wamid = JSON.readTree(response.body()).get("messages").get(0).get("id").asString();

		await().atMost(Duration.ofSeconds(5)).until(() -> this.simulators.receiver.to("/webhooks/whatsapp").size() == 2);
		var statuses = new ArrayList<String>();
		for (var webhook : this.simulators.receiver.to("/webhooks/whatsapp")) {
			assertThat(webhook.method()).isEqualTo("POST");
			assertThat(webhook.headers().getFirst("Content-Type")).startsWith("application/json");
			var signature = webhook.headers().getFirst("X-Hub-Signature-256");
			assertThat(signature).startsWith("sha256=");
			assertThat(HmacSignatures.verifyHex(APP_SECRET, webhook.body(), signature.substring("sha256=".length())))
				.isTrue();
			assertThat(HmacSignatures.verifyHex("another-secret", webhook.body(), signature.substring("sha256=".length())))
				.isFalse();
			var payload = JSON.readTree(webhook.body());
			assertThat(payload.get("object").asString()).isEqualTo("whatsapp_business_account");
			var change = payload.get("entry").get(0).get("changes").get(0);
			assertThat(change.get("field").asString()).isEqualTo("messages");
			var value = change.get("value");
			assertThat(value.get("messaging_product").asString()).isEqualTo("whatsapp");
			assertThat(value.get("metadata").get("phone_number_id").asString()).isEqualTo(PHONE_NUMBER_ID);
			var status = value.get("statuses").get(0);
			assertThat(status.get("id").asString()).isEqualTo(wamid);
			assertThat(status.get("recipient_id").asString()).isEqualTo("447700900123");
			assertThat(status.get("timestamp").asString())
				.isEqualTo(String.valueOf(SimulatorFixture.START.getEpochSecond()));
			statuses.add(status.get("status").asString());
		}
		assertThat(statuses).containsExactly("sent", "delivered");
		assertThat(JSON.readTree(this.simulators.get("/whatsapp").body()).get(0).get("status").asString())
			.isEqualTo("delivered");
	}

	@Test
	void acceptsATextMessage() {
		var response = this.simulators.postWhatsApp(PHONE_NUMBER_ID, ACCESS_TOKEN,
				"{\"messaging_product\":\"whatsapp\",\"to\":\"447700900123\",\"type\":\"text\",\"text\":{\"body\":\"Hello\"}}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JSON.readTree(this.simulators.get("/whatsapp").body()).get(0).get("text").asString()).isEqualTo("Hello");
	}

	@Test
	void aWrongTokenGetsGraphOAuthError() {
		var response = this.simulators.postWhatsApp(PHONE_NUMBER_ID, "not-the-token", TEMPLATE_MESSAGE);

		assertThat(response.statusCode()).isEqualTo(401);
		var error = JSON.readTree(response.body()).get("error");
		assertThat(error.get("message").asString()).isEqualTo("Invalid OAuth access token.");
		assertThat(error.get("type").asString()).isEqualTo("OAuthException");
		assertThat(error.get("code").asInt()).isEqualTo(190);
		assertThat(error.get("fbtrace_id").asString()).isNotBlank();
		assertThat(JSON.readTree(this.simulators.get("/whatsapp").body())).isEmpty();
	}

	@Test
	void invalidMessagesGetGraphParameterErrors() {
		assertGraphError(this.simulators.postWhatsApp(PHONE_NUMBER_ID, ACCESS_TOKEN,
				"{\"to\":\"+447700900123\",\"type\":\"text\",\"text\":{\"body\":\"Hi\"}}"), 400, 100);
		assertGraphError(this.simulators.postWhatsApp(PHONE_NUMBER_ID, ACCESS_TOKEN,
				"{\"messaging_product\":\"sms\",\"to\":\"+447700900123\",\"type\":\"text\",\"text\":{\"body\":\"Hi\"}}"), 400, 100);
		assertGraphError(this.simulators.postWhatsApp(PHONE_NUMBER_ID, ACCESS_TOKEN,
				"{\"messaging_product\":\"whatsapp\",\"type\":\"text\",\"text\":{\"body\":\"Hi\"}}"), 400, 100);
		assertGraphError(this.simulators.postWhatsApp(PHONE_NUMBER_ID, ACCESS_TOKEN,
				"{\"messaging_product\":\"whatsapp\",\"to\":\"+447700900123\",\"type\":\"template\",\"template\":{}}"), 400, 100);
		assertGraphError(this.simulators.postWhatsApp(PHONE_NUMBER_ID, ACCESS_TOKEN, "not json"), 400, 100);
		assertGraphError(this.simulators.postWhatsApp("999999999999999", ACCESS_TOKEN, TEMPLATE_MESSAGE), 400, 100);
		assertThat(JSON.readTree(this.simulators.get("/whatsapp").body())).isEmpty();
	}

	private static void assertGraphError(java.net.http.HttpResponse<String> response, int status, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		var error = JSON.readTree(response.body()).get("error");
		assertThat(error.get("code").asInt()).isEqualTo(code);
		assertThat(error.get("type").asString()).isEqualTo("OAuthException");
		assertThat(error.get("message").asString()).isNotBlank();
	}
}
