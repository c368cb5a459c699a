package dev.postpurchase.localstack;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static dev.postpurchase.localstack.SimulatorFixture.ACCESS_TOKEN;
import static dev.postpurchase.localstack.SimulatorFixture.ACCOUNT_SID;
import static dev.postpurchase.localstack.SimulatorFixture.AUTH_TOKEN;
import static dev.postpurchase.localstack.SimulatorFixture.PHONE_NUMBER_ID;
import static dev.postpurchase.localstack.SimulatorFixture.STRIPE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Simulated provider outages: error statuses and slow answers, for a while. */
class SimulatorsFaultsTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Map<String, String> SMS = Map.of("To", "+447700900123", "From", "+15005550006", "Body", "Hi");

	private static final String WHATSAPP = "{\"messaging_product\":\"whatsapp\",\"to\":\"+447700900123\",\"type\":\"text\","
			+ "\"text\":{\"body\":\"Hi\"}}";

	private final SimulatorFixture simulators = SimulatorFixture.start();

	@AfterEach
	void stop() {
		this.simulators.close();
	}

	@Test
	void anSmsFaultAnswersWithItsStatusUntilCleared() {
		var set = this.simulators.postJson("/sms/faults", "{\"status\": 500, \"seconds\": 60}");
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
		assertThat(JSON.readTree(this.simulators.get("/sms/faults").body()).get("status").asInt()).isEqualTo(500);

		var failed = this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, SMS);

		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(JSON.readTree(failed.body()).get("code").asInt()).isEqualTo(20500);
		assertThat(JSON.readTree(this.simulators.get("/sms").body())).isEmpty();
		// the other provider is not affected
		assertThat(this.simulators.postWhatsApp(PHONE_NUMBER_ID, ACCESS_TOKEN, WHATSAPP).statusCode()).isEqualTo(200);

		assertThat(this.simulators.delete("/sms/faults").statusCode()).isEqualTo(204);

		assertThat(this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, SMS).statusCode()).isEqualTo(201);
		assertThat(JSON.readTree(this.simulators.get("/sms").body())).hasSize(1);
		assertThat(JSON.readTree(this.simulators.get("/sms/faults").body())).isEmpty();
	}

	@Test
	void aWhatsAppFaultEndsByItselfAfterItsSeconds() {
		this.simulators.postJson("/whatsapp/faults", "{\"status\": 503, \"seconds\": 60}");

		var failed = this.simulators.postWhatsApp(PHONE_NUMBER_ID, ACCESS_TOKEN, WHATSAPP);
		assertThat(failed.statusCode()).isEqualTo(503);
		assertThat(JSON.readTree(failed.body()).get("error").get("code").asInt()).isEqualTo(131000);

		this.simulators.clock.advance(Duration.ofSeconds(61));

		assertThat(this.simulators.postWhatsApp(PHONE_NUMBER_ID, ACCESS_TOKEN, WHATSAPP).statusCode()).isEqualTo(200);
	}

	@Test
	void aRateLimitFaultAnswersAsTheProviderDoes() {
		this.simulators.postJson("/whatsapp/faults", "{\"status\": 429}");
		this.simulators.postJson("/sms/faults", "{\"status\": 429}");

		var whatsApp = this.simulators.postWhatsApp(PHONE_NUMBER_ID, ACCESS_TOKEN, WHATSAPP);
		var sms = this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, SMS);

		assertThat(whatsApp.statusCode()).isEqualTo(429);
		assertThat(JSON.readTree(whatsApp.body()).get("error").get("code").asInt()).isEqualTo(130429);
		assertThat(sms.statusCode()).isEqualTo(429);
		assertThat(JSON.readTree(sms.body()).get("code").asInt()).isEqualTo(20429);
	}

	@Test
	void aDelayFaultHoldsEachAnswerBack() {
		this.simulators.postJson("/sms/faults", "{\"delayMillis\": 400, \"seconds\": 60}");

		long started = System.nanoTime();
		var response = this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, SMS);
		var took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(400));
	}

	@Test
	void aFaultSetInCodeSlowsThenFailsUntilHealed() {
		this.simulators.simulators.payments().faults().set(503, 300, Duration.ofMinutes(1));

		long started = System.nanoTime();
		var refused = this.simulators.postRefund(STRIPE_KEY, "rfd_1", Map.of("payment_intent", "pi_1", "amount", "1450"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(refused.statusCode()).isEqualTo(503);

		this.simulators.simulators.payments().faults().clear();
		assertThat(this.simulators.postRefund(STRIPE_KEY, "rfd_1", Map.of("payment_intent", "pi_1", "amount", "1450"))
			.statusCode()).isEqualTo(200);
		assertThatThrownBy(() -> this.simulators.simulators.sms().faults().set(200, 0, Duration.ofMinutes(1)))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.simulators.simulators.sms().faults().set(0, 0, Duration.ofMinutes(1)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void rejectsFaultsItCannotSimulate() {
		for (var request : new String[] { "{}", "{\"status\": 200}", "{\"status\": 500, \"seconds\": 0}",
				"{\"delayMillis\": -1}", "{\"status\": \"500\"}", "[]", "not json" }) {
			var response = this.simulators.postJson("/sms/faults", request);
			assertThat(response.statusCode()).as(request).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		assertThat(this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, SMS).statusCode()).isEqualTo(201);
	}
}
