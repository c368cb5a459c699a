package dev.postpurchase.pages.survey;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.pages.BackendStandIn;
import dev.postpurchase.pages.CustomerPagesIntegrationTest;
import dev.postpurchase.pages.Html;

/** The survey page: the form, what cx-metrics-service is sent, and every answer it can give. */
@CustomerPagesIntegrationTest
class SurveyPageIntegrationTests {

	private static final String SURVEYS = "/api/v1/surveys";

	@Autowired
	WebTestClient web;

	@Test
	void theFormAsksAllThreeQuestionsAccessibly() {
		var orderId = BackendStandIn.freshOrderId();
		var html = web.get().uri("/survey/{id}?token={token}&lang=de", orderId, token(orderId)).exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();

		Html.assertAccessibleBasics(html, "de");
		assertThat(html).contains("<legend>Wie wahrscheinlich ist es, dass Sie Tulip &amp; Co einem Freund oder Kollegen empfehlen?</legend>")
			.contains("id=\"nps-0\"").contains("id=\"nps-10\"").doesNotContain("id=\"nps-11\"")
			.contains("id=\"csat-1\"").contains("id=\"csat-5\"").doesNotContain("id=\"csat-0\"")
			.contains("id=\"ces-7\"").doesNotContain("id=\"ces-8\"")
			.contains("maxlength=\"1000\"")
			.contains("<form method=\"post\" action=\"/survey/" + orderId + "\"")
			.contains("name=\"token\" value=\"" + token(orderId).substring(0, 20));
		assertThat(Html.checked(html)).isEmpty();
	}

	@Test
	void answersGoToCxMetricsOneByOneWithTheCommentOnceAndEndOnTheThankYouPage() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		stub(orderId, "NPS", aResponse().withStatus(201));
		stub(orderId, "CES", aResponse().withStatus(202));

		var html = send(orderId, Map.of("token", token, "lang", "nl", "nps", "9", "ces", "6", "comment",
				"Snelle levering,\r\ndank!"))
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(html).contains("<h1>Bedankt voor uw feedback</h1>");
		Html.assertAccessibleBasics(html, "nl");
		BackendStandIn.get().verify(1, postRequestedFor(urlEqualTo(SURVEYS))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"orderId\":\"" + orderId + "\",\"token\":\"" + token
					+ "\",\"type\":\"NPS\",\"score\":9,\"comment\":\"Snelle levering,\\ndank!\"}")));
		BackendStandIn.get().verify(1, postRequestedFor(urlEqualTo(SURVEYS))
			.withRequestBody(equalToJson("{\"orderId\":\"" + orderId + "\",\"token\":\"" + token
					+ "\",\"type\":\"CES\",\"score\":6}")));
		BackendStandIn.get().verify(2, postRequestedFor(urlEqualTo(SURVEYS))
			.withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId))));
	}

	@Test
	void whenEveryAnswerIsThereAlreadyThePageSaysSo() {
		var orderId = BackendStandIn.freshOrderId();
		stub(orderId, "CSAT", aResponse().withStatus(409));

		var html = send(orderId, Map.of("token", token(orderId), "lang", "fr", "csat", "4"))
			.expectStatus().isEqualTo(409)
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(html).contains("<h1>Vous avez déjà répondu à ce questionnaire</h1>");
	}

	@Test
	void aCommentWhoseAnswerWasThereAlreadyRidesWithTheNextNewAnswer() {
		var orderId = BackendStandIn.freshOrderId();
		stub(orderId, "NPS", aResponse().withStatus(409));
		stub(orderId, "CSAT", aResponse().withStatus(201));
		var token = token(orderId);

		send(orderId, Map.of("token", token, "nps", "3", "csat", "2", "comment", "Late"))
			.expectStatus().isOk();

		BackendStandIn.get().verify(1, postRequestedFor(urlEqualTo(SURVEYS))
			.withRequestBody(equalToJson("{\"orderId\":\"" + orderId + "\",\"token\":\"" + token
					+ "\",\"type\":\"CSAT\",\"score\":2,\"comment\":\"Late\"}")));
	}

	@Test
	void aTokenTheBackendRefusesShowsTheLinkErrorPage() {
		var orderId = BackendStandIn.freshOrderId();
		stub(orderId, "NPS", aResponse().withStatus(403).withHeader("Content-Type", "application/problem+json")
			.withBody("{\"detail\":\"This link does not grant access to this order\"}"));

		var html = send(orderId, Map.of("token", token(orderId), "lang", "en", "nps", "10"))
			.expectStatus().isForbidden()
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(html).contains("<h1>This link has expired or is not for this order</h1>")
			.doesNotContain("does not grant");
		Html.assertAccessibleBasics(html, "en");
	}

	@Test
	void anExpiredOrForeignLinkShowsTheErrorPageAtOnce() {
		var orderId = BackendStandIn.freshOrderId();
		for (var token : new String[] { BackendStandIn.expiredToken(orderId, LinkPurpose.SURVEY),
				BackendStandIn.token(BackendStandIn.freshOrderId(), LinkPurpose.SURVEY),
				BackendStandIn.token(orderId, LinkPurpose.TRACKING), "not-a-token" }) {
			var html = web.get().uri("/survey/{id}?token={token}&lang=de", orderId, token).exchange()
				.expectStatus().isForbidden()
				.expectHeader().valueEquals("Cache-Control", "no-store")
				.expectBody(String.class).returnResult().getResponseBody();
			assertThat(html).contains("<h1>Dieser Link ist abgelaufen oder gehört nicht zu dieser Bestellung</h1>");
		}
		web.get().uri("/survey/{id}", orderId).exchange().expectStatus().isForbidden();
	}

	@Test
	void aBackendThatIsDownOrSlowShowsTheTryAgainPage() {
		var orderId = BackendStandIn.freshOrderId();
		stub(orderId, "NPS", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		stub(orderId, "CSAT", aResponse().withStatus(200).withFixedDelay(3000));
		stub(orderId, "CES", aResponse().withStatus(500).withBody("stack trace with secrets"));

		for (var field : new String[] { "nps", "csat", "ces" }) {
			var html = send(orderId, Map.of("token", token(orderId), "lang", "en", field, "5"))
				.expectStatus().isEqualTo(503)
				.expectBody(String.class).returnResult().getResponseBody();
			assertThat(html).contains("<h1>This page is temporarily unavailable</h1>").doesNotContain("secrets");
		}
	}

	@Test
	void aFormWithoutAnswersOrWithATooLongCommentComesBackWithTheErrorsAtTheirFields() {
		var orderId = BackendStandIn.freshOrderId();

		var empty = send(orderId, Map.of("token", token(orderId), "lang", "en", "comment", "Only words"))
			.expectStatus().isBadRequest()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(empty).contains("<title>Error: How did we do? – Tulip &amp; Co</title>")
			.contains("<a href=\"#nps-0\">Answer at least one of the questions.</a>")
			// what the customer wrote is kept
			.contains(">Only words</textarea>");
		Html.assertAccessibleBasics(empty, "en");

		var tooLong = send(orderId, Map.of("token", token(orderId), "lang", "de", "csat", "4", "nps", "11",
				"comment", "x".repeat(1001)))
			.expectStatus().isBadRequest()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(tooLong).contains("<p class=\"field-error\" id=\"comment-error\">Ihr Kommentar ist zu lang: höchstens 1.000 Zeichen.</p>")
			.contains("aria-describedby=\"comment-hint comment-error\"")
			.contains("<p class=\"field-error\" id=\"nps-error\">Wählen Sie eine Zahl von 0 bis 10.</p>")
			.contains("aria-describedby=\"nps-hint nps-error\"");
		assertThat(Html.checked(tooLong)).containsExactly("csat-4");
		Html.assertAccessibleBasics(tooLong, "de");

		BackendStandIn.get().verify(0, postRequestedFor(urlEqualTo(SURVEYS))
			.withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId))));
	}

	@Test
	void theServicesLearnWhomThePagesCallFor() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		stub(orderId, "NPS", aResponse().withStatus(201));
		var form = new LinkedMultiValueMap<String, String>();
		form.add("token", token);
		form.add("nps", "10");

		// a proxy in front of the pages forwarded for 203.0.113.7; the pages add whom they heard it from
		web.post()
			.uri("/survey/{id}", orderId)
			.header("X-Forwarded-For", "203.0.113.7")
			.body(BodyInserters.fromFormData(form))
			.exchange()
			.expectStatus()
			.isOk();

		BackendStandIn.get().verify(1, postRequestedFor(urlEqualTo(SURVEYS))
			.withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))
			.withHeader("X-Forwarded-For", matching("203\\.0\\.113\\.7, (127\\.0\\.0\\.1|0:0:0:0:0:0:0:1|::1)")));
	}

	private WebTestClient.ResponseSpec send(String orderId, Map<String, String> fields) {
		var form = new LinkedMultiValueMap<String, String>();
		fields.forEach(form::add);
		return web.post().uri("/survey/{id}", orderId).body(BodyInserters.fromFormData(form)).exchange();
	}

	private static void stub(String orderId, String type, ResponseDefinitionBuilder response) {
		BackendStandIn.get().stubFor(post(urlEqualTo(SURVEYS))
			.withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))
			.withRequestBody(matchingJsonPath("$.type", equalTo(type)))
			.willReturn(response));
	}

	private static String token(String orderId) {
		return BackendStandIn.token(orderId, LinkPurpose.SURVEY);
	}

}
