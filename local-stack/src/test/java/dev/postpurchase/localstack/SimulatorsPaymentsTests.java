package dev.postpurchase.localstack;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.postpurchase.localstack.SimulatorFixture.STRIPE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/** The Stripe Refunds API simulator, called as returns-service calls Stripe. */
class SimulatorsPaymentsTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final SimulatorFixture simulators = SimulatorFixture.start();

	@AfterEach
	void stop() {
		this.simulators.close();
	}

	@Test
	void refundsWithTheSecretKeyAndAnswersWithStripesRefundObject() {
		var response = this.simulators.postRefund(STRIPE_KEY, "ret_1-refund", refund("pi_3PqRsT", "2990"));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
			.startsWith("application/json"));
		var refund = JSON.readTree(response.body());
		var id = refund.get("id").asString();
		assertThat(id).matches("re_[0-9A-Za-z]{24}");
		assertThat(refund.get("object").asString()).isEqualTo("refund");
		assertThat(refund.get("amount").asLong()).isEqualTo(2990);
		assertThat(refund.get("currency").asString()).isEqualTo("eur");
		assertThat(refund.get("payment_intent").asString()).isEqualTo("pi_3PqRsT");
		assertThat(refund.get("status").asString()).isEqualTo("succeeded");
		assertThat(refund.get("reason").asString()).isEqualTo("requested_by_customer");
		assertThat(refund.get("created").asLong()).isEqualTo(SimulatorFixture.START.getEpochSecond());
		assertThat(refund.get("metadata").get("return_id").asString()).isEqualTo("ret_1");
		assertThat(refund.get("metadata").get("order_id").asString()).isEqualTo("ord_1");

		var listed = JSON.readTree(this.simulators.get("/payments").body());
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("id").asString()).isEqualTo(id);
		assertThat(listed.get(0).get("amount").asLong()).isEqualTo(2990);
		assertThat(listed.get(0).get("metadata").get("return_id").asString()).isEqualTo("ret_1");
		assertThat(listed.get(0).get("idempotencyKey").asString()).isEqualTo("ret_1-refund");
		assertThat(listed.get(0).get("time").asString()).isEqualTo("2026-11-25T10:15:30Z");
		assertThat(this.simulators.get("/").body()).contains("Refunds", id, "return_id=ret_1");
	}

	@Test
	void refundsACharge() {
		var form = refund(null, "500");
		form.put("charge", "ch_3PqRsT");

		var response = this.simulators.postRefund(STRIPE_KEY, null, form);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).get("charge").asString()).isEqualTo("ch_3PqRsT");
	}

	@Test
	void aWrongOrMissingKeyGetsStripesAuthenticationErrorAndRefundsNothing() {
		var wrongKey = this.simulators.postRefund("sk_test_not-the-key", "k1", refund("pi_1", "100"));
		var noKey = this.simulators.send(HttpRequest.newBuilder(this.simulators.url("/stripe/v1/refunds"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("payment_intent=pi_1&amount=100"))
			.build());

		for (var response : java.util.List.of(wrongKey, noKey)) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree(
					"{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key provided\"}}"));
		}
		assertThat(JSON.readTree(this.simulators.get("/payments").body())).isEmpty();
	}

	@Test
	void anInvalidFormGetsStripesParameterErrors() {
		assertStripeError(this.simulators.postRefund(STRIPE_KEY, null, refund(null, "100")), 400, "parameter_missing",
				"payment_intent");
		assertStripeError(this.simulators.postRefund(STRIPE_KEY, null, refund("pi_1", null)), 400, "parameter_missing",
				"amount");
		assertStripeError(this.simulators.postRefund(STRIPE_KEY, null, refund("pi_1", "12.50")), 400,
				"parameter_invalid_integer", "amount");
		assertStripeError(this.simulators.postRefund(STRIPE_KEY, null, refund("pi_1", "0")), 400,
				"parameter_invalid_integer", "amount");
		assertStripeError(this.simulators.postRefund(STRIPE_KEY, null, refund("pi_1", "-5")), 400,
				"parameter_invalid_integer", "amount");
		assertThat(JSON.readTree(this.simulators.get("/payments").body())).isEmpty();
	}

	@Test
	void theSameIdempotencyKeyReplaysTheFirstRefundInsteadOfMakingASecond() {
		var first = this.simulators.postRefund(STRIPE_KEY, "ret_7-refund", refund("pi_7", "1450"));
		var again = this.simulators.postRefund(STRIPE_KEY, "ret_7-refund", refund("pi_7", "1450"));

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(again.body())).isEqualTo(JSON.readTree(first.body()));
		assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
		var listed = JSON.readTree(this.simulators.get("/payments").body());
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("id").asString()).isEqualTo(JSON.readTree(first.body()).get("id").asString());

		// without a key, or with another, each request is a refund of its own
		this.simulators.postRefund(STRIPE_KEY, null, refund("pi_7", "1450"));
		this.simulators.postRefund(STRIPE_KEY, "ret_8-refund", refund("pi_7", "1450"));
		assertThat(JSON.readTree(this.simulators.get("/payments").body())).hasSize(3);
	}

	@Test
	void theSameIdempotencyKeyWithOtherParametersIsRefused() {
		var first = this.simulators.postRefund(STRIPE_KEY, "ret_9-refund", refund("pi_9", "1450"));

		var other = this.simulators.postRefund(STRIPE_KEY, "ret_9-refund", refund("pi_9", "9999"));

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(other.statusCode()).as(other.body()).isEqualTo(400);
		var error = JSON.readTree(other.body()).get("error");
		assertThat(error.get("type").asString()).isEqualTo("idempotency_error");
		assertThat(error.get("message").asString()).contains("ret_9-refund");
		assertThat(JSON.readTree(this.simulators.get("/payments").body())).hasSize(1);
	}

	@Test
	void idempotencyKeysAreForgottenAfter24Hours() {
		var first = this.simulators.postRefund(STRIPE_KEY, "ret_10-refund", refund("pi_10", "100"));
		this.simulators.clock.advance(Duration.ofHours(24).plusSeconds(1));

		var later = this.simulators.postRefund(STRIPE_KEY, "ret_10-refund", refund("pi_10", "100"));

		assertThat(JSON.readTree(later.body()).get("id").asString())
			.isNotEqualTo(JSON.readTree(first.body()).get("id").asString());
		assertThat(JSON.readTree(this.simulators.get("/payments").body())).hasSize(2);
	}

	@Test
	void aFaultAnswersStripesApiErrorUntilClearedAndIsNotSavedWithTheKey() {
		var set = this.simulators.postJson("/payments/faults", "{\"status\": 500, \"seconds\": 60}");
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
		assertThat(JSON.readTree(this.simulators.get("/payments/faults").body()).get("status").asInt()).isEqualTo(500);
		assertThat(this.simulators.get("/").body()).contains("Payments fault in force", "DELETE /payments/faults");

		var failed = this.simulators.postRefund(STRIPE_KEY, "ret_11-refund", refund("pi_11", "100"));

		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(JSON.readTree(failed.body()).get("error").get("type").asString()).isEqualTo("api_error");
		assertThat(JSON.readTree(this.simulators.get("/payments").body())).isEmpty();

		assertThat(this.simulators.delete("/payments/faults").statusCode()).isEqualTo(204);
		assertThat(JSON.readTree(this.simulators.get("/payments/faults").body())).isEmpty();

		var retried = this.simulators.postRefund(STRIPE_KEY, "ret_11-refund", refund("pi_11", "100"));
		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
		assertThat(JSON.readTree(this.simulators.get("/payments").body())).hasSize(1);
	}

	@Test
	void aRateLimitFaultAnswersAsStripeDoes() {
		this.simulators.postJson("/payments/faults", "{\"status\": 429}");

		assertStripeError(this.simulators.postRefund(STRIPE_KEY, null, refund("pi_1", "100")), 429, "rate_limit", null);
	}

	@Test
	void otherPathsAreUnrecognized() {
		var response = this.simulators.send(HttpRequest.newBuilder(this.simulators.url("/stripe/v1/charges"))
			.header("Authorization", "Bearer " + STRIPE_KEY)
			.GET()
			.build());

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(response.body()).get("error").get("message").asString())
			.isEqualTo("Unrecognized request URL (GET: /v1/charges).");
	}

	/** The form returns-service sends; null leaves a parameter out. */
	private static Map<String, String> refund(String paymentIntent, String amount) {
		var form = new LinkedHashMap<String, String>();
		if (paymentIntent != null) {
			form.put("payment_intent", paymentIntent);
		}
		if (amount != null) {
			form.put("amount", amount);
		}
		form.put("reason", "requested_by_customer");
		form.put("metadata[return_id]", "ret_1");
		form.put("metadata[order_id]", "ord_1");
		return form;
	}

	private static void assertStripeError(HttpResponse<String> response, int status, String code, String param) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode error = JSON.readTree(response.body()).get("error");
		assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
		assertThat(error.get("code").asString()).isEqualTo(code);
		assertThat(error.get("message").asString()).isNotBlank();
		if (param != null) {
			assertThat(error.get("param").asString()).isEqualTo(param);
		}
	}
}
