package dev.postpurchase.localstack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.postpurchase.kit.webhook.TwilioSignatures;

import static dev.postpurchase.localstack.SimulatorFixture.ACCOUNT_SID;
import static dev.postpurchase.localstack.SimulatorFixture.AUTH_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Twilio Messages API simulator, called as notification-service calls Twilio. */
class SimulatorsSmsTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final SimulatorFixture simulators = SimulatorFixture.start();

	@AfterEach
	void stop() {
		this.simulators.close();
	}

	@Test
	void acceptsAMessageWithTwilioCredentialsAndAnswersWithTwilioMessageResource() {
		var response = this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN,
				Map.of("To", "+447700900123", "From", "+15005550006", "Body", "Your order WS-1 has shipped"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
			.startsWith("application/json"));
		var message = JSON.readTree(response.body());
		var sid = message.get("sid").asString();
		assertThat(sid).matches("SM[0-9a-f]{32}");
		assertThat(message.get("account_sid").asString()).isEqualTo(ACCOUNT_SID);
		assertThat(message.get("to").asString()).isEqualTo("+447700900123");
		assertThat(message.get("from").asString()).isEqualTo("+15005550006");
		assertThat(message.get("body").asString()).isEqualTo("Your order WS-1 has shipped");
		assertThat(message.get("status").asString()).isEqualTo("queued");
		assertThat(message.get("direction").asString()).isEqualTo("outbound-api");
		assertThat(message.get("api_version").asString()).isEqualTo("2010-04-01");
		assertThat(message.get("num_segments").asString()).isEqualTo("1");
		assertThat(message.get("date_created").asString()).isEqualTo("Wed, 25 Nov 2026 10:15:30 +0000");
		assertThat(message.get("date_sent").isNull()).isTrue();
		assertThat(message.get("error_code").isNull()).isTrue();
		assertThat(message.get("uri").asString()).isEqualTo("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + sid + ".json");

		var listed = JSON.readTree(this.simulators.get("/sms").body());
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("sid").asString()).isEqualTo(sid);
		assertThat(listed.get(0).get("to").asString()).isEqualTo("+447700900123");
		assertThat(listed.get(0).get("body").asString()).isEqualTo("Your order WS-1 has shipped");
		assertThat(listed.get(0).get("time").asString()).isEqualTo("2026-11-25T10:15:30Z");
		// the carrier reports it delivered, even without a status callback
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
				JSON.readTree(this.simulators.get("/sms").body()).get(0).get("status").asString()).isEqualTo("delivered"));
	}

	@Test
	void acceptsAMessagingServiceInsteadOfASender() {
		var response = this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, Map.of("To", "+447700900123",
				"MessagingServiceSid", "MG0123456789abcdef0123456789abcdef", "Body", "Hi"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(JSON.readTree(response.body()).get("messaging_service_sid").asString())
			.isEqualTo("MG0123456789abcdef0123456789abcdef");
	}

	@Test
	void wrongCredentialsGetTwilioAuthenticateErrorAndNothingIsKept() {
		var wrongToken = this.simulators.postSms(ACCOUNT_SID, "not-the-token",
				Map.of("To", "+447700900123", "From", "+15005550006", "Body", "Hi"));
		var noCredentials = this.simulators.send(java.net.http.HttpRequest
			.newBuilder(this.simulators.url("/twilio/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("To=%2B447700900123&From=%2B15005550006&Body=Hi"))
			.build());

		for (var response : List.of(wrongToken, noCredentials)) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
					"{\"code\":20003,\"message\":\"Authenticate\",\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}"));
		}
		assertThat(JSON.readTree(this.simulators.get("/sms").body())).isEmpty();
	}

	@Test
	void anotherAccountsPathIsNotFound() {
		var response = this.simulators.send(java.net.http.HttpRequest
			.newBuilder(this.simulators.url("/twilio/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", SimulatorFixture.basic(ACCOUNT_SID, AUTH_TOKEN))
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("To=%2B447700900123&From=%2B15005550006&Body=Hi"))
			.build());

		assertTwilioError(response, 404, 20404);
		assertThat(JSON.readTree(this.simulators.get("/sms").body())).isEmpty();
	}

	@Test
	void missingOrInvalidParametersGetTwilioErrors() {
		assertTwilioError(this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, Map.of("From", "+15005550006", "Body", "Hi")),
				400, 21604);
		assertTwilioError(this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, Map.of("To", "+447700900123", "From",
				"+15005550006")), 400, 21602);
		assertTwilioError(this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, Map.of("To", "+447700900123", "Body", "Hi")),
				400, 21603);
		assertTwilioError(this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, Map.of("To", "07700 900123", "From",
				"+15005550006", "Body", "Hi")), 400, 21211);
		assertTwilioError(this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, Map.of("To", "+447700900123", "From",
				"+15005550006", "Body", "Hi", "StatusCallback", "not a url")), 400, 21609);
		assertThat(JSON.readTree(this.simulators.get("/sms").body())).isEmpty();
	}

	@Test
	void postsSentThenDeliveredToTheStatusCallbackSignedAsTwilioDoes() {
		var callback = this.simulators.receiver.url("/webhooks/twilio/status?attempt=1").toString();

		var response = this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, Map.of("To", "+447700900123", "From",
				"+15005550006", "Body", "Delivered soon", "StatusCallback", callback));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		var sid = JSON.readTree(response.body()).get("sid").asString();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.simulators.receiver.to("/webhooks/twilio/status").size() == 2);
		var callbacks = this.simulators.receiver.to("/webhooks/twilio/status");
		var statuses = new java.util.ArrayList<String>();
		for (var request : callbacks) {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.headers().getFirst("Content-Type")).startsWith("application/x-www-form-urlencoded");
			var params = SimulatorHttp.form(request.body());
			var signature = request.headers().getFirst(TwilioSignatures.HEADER);
			assertThat(TwilioSignatures.verify(List.of(AUTH_TOKEN), callback, params, signature)).isTrue();
			assertThat(TwilioSignatures.verify(List.of("another-token"), callback, params, signature)).isFalse();
			assertThat(params).containsEntry("MessageSid", List.of(sid))
				.containsEntry("SmsSid", List.of(sid))
				.containsEntry("AccountSid", List.of(ACCOUNT_SID))
				.containsEntry("From", List.of("+15005550006"))
				.containsEntry("To", List.of("+447700900123"))
				.containsEntry("ApiVersion", List.of("2010-04-01"));
			assertThat(params.get("SmsStatus")).isEqualTo(params.get("MessageStatus"));
			statuses.add(params.get("MessageStatus").get(0));
		}
		assertThat(statuses).containsExactly("sent", "delivered");
	}

	@Test
	void aStatusCallbackThatFailsIsIgnored() {
		this.simulators.receiver.answer = 500;
		var down = "http://localhost:" + SimulatorFixture.freePorts(1)[0] + "/webhooks/twilio/status";

		var toFailing = this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, Map.of("To", "+447700900123", "From",
				"+15005550006", "Body", "One", "StatusCallback", this.simulators.receiver.url("/failing").toString()));
		var toNobody = this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, Map.of("To", "+447700900124", "From",
				"+15005550006", "Body", "Two", "StatusCallback", down));

		assertThat(toFailing.statusCode()).isEqualTo(201);
		assertThat(toNobody.statusCode()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(JSON.readTree(this.simulators.get("/sms").body()))
			.extracting(node -> node.get("status").asString())
			.containsExactly("delivered", "delivered"));
		assertThat(this.simulators.receiver.to("/failing")).hasSize(2); // each status tried once, not retried forever
	}

	@Test
	void countsSegmentsAsTwilioBillsThem() {
		assertThat(TwilioSimulator.segments("a".repeat(160))).isEqualTo(1);
		assertThat(TwilioSimulator.segments("a".repeat(161))).isEqualTo(2);
		assertThat(TwilioSimulator.segments("a".repeat(306))).isEqualTo(2);
		assertThat(TwilioSimulator.segments("a".repeat(307))).isEqualTo(3);
		assertThat(TwilioSimulator.segments("€".repeat(80))).as("extension characters count twice").isEqualTo(1);
		assertThat(TwilioSimulator.segments("€".repeat(81))).isEqualTo(2);
		assertThat(TwilioSimulator.segments("ł".repeat(70))).as("outside GSM-7: UCS-2").isEqualTo(1);
		assertThat(TwilioSimulator.segments("ł".repeat(71))).isEqualTo(2);
	}

	@Test
	void aLongTextIsSentInSegments() {
		var response = this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN,
				new LinkedHashMap<>(Map.of("To", "+447700900123", "From", "+15005550006", "Body", "x".repeat(200))));

		assertThat(JSON.readTree(response.body()).get("num_segments").asString()).isEqualTo("2");
	}

	private static void assertTwilioError(java.net.http.HttpResponse<String> response, int status, int code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode error = JSON.readTree(response.body());
		assertThat(error.get("code").asInt()).isEqualTo(code);
		assertThat(error.get("status").asInt()).isEqualTo(status);
		assertThat(error.get("message").asString()).isNotBlank();
		assertThat(error.get("more_info").asString()).isEqualTo("https://www.twilio.com/docs/errors/" + code);
	}
}
