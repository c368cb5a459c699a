package dev.postpurchase.pages.returns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.notMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.pages.BackendStandIn;
import dev.postpurchase.pages.CustomerPagesIntegrationTest;
import dev.postpurchase.pages.Html;

/**
 * The return request page: returns-service's returnable items as a form, the request posted as
 * returns-service takes it, a confirmation per next step, refusals explained, the label shown here.
 */
@CustomerPagesIntegrationTest
class ReturnPageIntegrationTests {

	@Autowired
	WebTestClient web;

	@Test
	void theFormOffersTheReturnableItemsAndSaysWhyTheOthersCannotGo() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		var tracking = stubReturnable(orderId, token);

		var html = web.get().uri("/returns/{id}?token={token}&lang=de", orderId, token).exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("Cache-Control", "no-store")
			.expectBody(String.class).returnResult().getResponseBody();

		Html.assertAccessibleBasics(html, "de");
		assertThat(html).contains("<h1>Artikel zurücksenden</h1>")
			.contains("<label for=\"quantity-0\">Tulpenvaas</label>")
			.contains("<select id=\"quantity-0\" name=\"quantity-VASE-1\" aria-describedby=\"quantity-0-hint\">")
			.contains("<option value=\"2\">2</option>").doesNotContain("<option value=\"3\">3</option>")
			.contains("Sie haben 3 gekauft. Rücksendung bis Mittwoch, 23. Dezember. 1 bereits zurückgesendet oder auf dem Rückweg.")
			.contains("<label for=\"quantity-1\">Gießkanne</label>")
			.contains(">Ich habe es mir anders überlegt (es wird eine Wiedereinlagerungsgebühr von 12,5 % berechnet)</option>")
			.contains(">Beschädigt (Ihre Versandkosten werden ebenfalls erstattet)</option>")
			.contains(">Passt nicht</option>")
			// the methods both items allow; the outcomes both allow
			.contains("<input type=\"radio\" id=\"method-MAIL_IN\" name=\"method\" value=\"MAIL_IN\">")
			.doesNotContain("method-DROP_OFF").doesNotContain("method-IN_STORE")
			.contains("<label for=\"outcome-REFUND\">Eine Erstattung</label>")
			.contains("<label for=\"outcome-EXCHANGE\">Ersatz durch denselben Artikel</label>")
			.contains("<h2 id=\"ineligible-title\">Artikel, die nicht zurückgesendet werden können</h2>")
			.contains("<strong>Geschenkkarte</strong>: Dieser Artikel wurde als Endverkauf verkauft und kann nicht zurückgesendet werden.")
			.contains("<strong>Tulpenzwiebeln</strong>: Die Rückgabefrist für diesen Artikel ist abgelaufen.")
			.doesNotContain("sold as final sale on").doesNotContain("closed on");
		// the way back to the order's tracking page, with the TRACKING link returns-service gave, kept for the
		// confirmation too
		assertThat(html).contains("<a href=\"/track/" + orderId + "?token&#x3D;" + tracking
				+ "&amp;lang&#x3D;de\">Zu Ihrer Bestellung</a>")
			.contains("<input type=\"hidden\" name=\"tracking\" value=\"" + tracking + "\">");
	}

	@Test
	void aRequestIsPostedAsReturnsServiceTakesItAndConfirmedWithTheLabelHere() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		BackendStandIn.get().stubFor(post(urlPathEqualTo("/api/v1/returns")).withQueryParam("token", equalTo(token))
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
				.withBody(created(orderId, "RET-7", "LABEL_ISSUED", "PRINT_LABEL", "REFUND", "MAIL_IN",
						"{\"carrier\":\"dhl\",\"trackingNumber\":\"JVGL1234\",\"labelUrl\":"
								+ "\"http://localhost:8084/api/v1/customer/returns/RET-7/label?token=abc\"}"))));

		var form = new LinkedHashMap<String, String>();
		form.put("token", token);
		form.put("lang", "en");
		form.put("quantity-VASE-1", "2");
		form.put("quantity-CAN-2", "0");
		form.put("reason", "DAMAGED");
		form.put("outcome", "REFUND");
		form.put("method", "MAIL_IN");
		form.put("comment", "The handle\r\nbroke off. ");
		var tracking = BackendStandIn.token(orderId, LinkPurpose.TRACKING);
		form.put("tracking", tracking);
		var html = send(orderId, form).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

		BackendStandIn.get().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/returns"))
			.withQueryParam("token", equalTo(token))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"orderId\":\"" + orderId + "\",\"lines\":[{\"sku\":\"VASE-1\",\"quantity\":2}],"
					+ "\"reason\":\"DAMAGED\",\"comment\":\"The handle\\nbroke off.\",\"outcome\":\"REFUND\","
					+ "\"method\":\"MAIL_IN\"}")));
		Html.assertAccessibleBasics(html, "en");
		assertThat(html).contains("<h1>We have your return request</h1>")
			.contains("<span class=\"reference\">RET-7</span>")
			.contains("Print your return label, stick it on the parcel and hand the parcel to the carrier.")
			.contains("<a class=\"button\" href=\"/returns/" + orderId + "/label/RET-7?token&#x3D;" + token
					+ "&amp;lang&#x3D;en\">Print your return label</a>")
			.contains("<dd>Approved, return label ready</dd>")
			.contains("<li>2 × Tulpenvaas</li>")
			.contains("<a href=\"/track/" + orderId + "?token&#x3D;" + tracking + "&amp;lang&#x3D;en\">See your order</a>")
			.doesNotContain("localhost:8084");
	}

	@Test
	void theSameFormSentTwiceIsOneRequestToReturnsService() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		stubReturnable(orderId, token);
		BackendStandIn.get().stubFor(post(urlPathEqualTo("/api/v1/returns")).withQueryParam("token", equalTo(token))
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
				.withBody(created(orderId, "RET-8", "REQUESTED", "AWAIT_APPROVAL", "REFUND", "MAIL_IN", "null"))));
		var key = requestKey(orderId, token);
		assertThat(requestKey(orderId, token)).as("another visit is another request").isNotEqualTo(key);

		var form = new LinkedHashMap<String, String>();
		form.put("token", token);
		form.put("lang", "en");
		form.put("request", key);
		form.put("quantity-VASE-1", "1");
		form.put("reason", "DAMAGED");
		form.put("outcome", "REFUND");
		form.put("method", "MAIL_IN");
		// a double click, or the confirmation reloaded: the browser sends the form again
		send(orderId, form).expectStatus().isOk();
		send(orderId, form).expectStatus().isOk();

		BackendStandIn.get().verify(2, postRequestedFor(urlPathEqualTo("/api/v1/returns"))
			.withQueryParam("token", equalTo(token)).withHeader("Idempotency-Key", equalTo(key)));
		// a key the page did not make names no request of this form: the request gets one of its own
		form.put("request", "../" + key);
		send(orderId, form).expectStatus().isOk();
		BackendStandIn.get().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/returns"))
			.withQueryParam("token", equalTo(token))
			.withHeader("Idempotency-Key", matching("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
				.and(notMatching(key))));
	}

	/** The request key of a fresh visit to the form. */
	private String requestKey(String orderId, String token) {
		var html = web.get().uri("/returns/{id}?token={token}&lang=en", orderId, token).exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		var field = Pattern.compile("<input type=\"hidden\" name=\"request\" value=\"([0-9a-f-]{36})\">").matcher(html);
		assertThat(field.find()).as("the form's request key").isTrue();
		return field.group(1);
	}

	@ParameterizedTest
	@CsvSource({
			"AWAIT_APPROVAL, REQUESTED, fr, Nous examinons votre demande et vous dirons par e-mail si elle est acceptée.",
			"DROP_OFF, APPROVED, nl, Breng de artikelen naar een inleverpunt en vermeld uw retournummer RET-9.",
			"BRING_TO_STORE, APPROVED, de, Bringen Sie die Artikel in eines unserer Geschäfte und nennen Sie Ihre Rücksendenummer RET-9.",
			"AWAIT_SETTLEMENT, RECEIVED, en, We have received your return and are arranging your refund, store credit or replacement." })
	void theConfirmationSaysWhatHappensNext(String nextStep, String state, String lang, String expected) {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		BackendStandIn.get().stubFor(post(urlPathEqualTo("/api/v1/returns")).withQueryParam("token", equalTo(token))
			.willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
				.withBody(created(orderId, "RET-9", state, nextStep, "EXCHANGE", "DROP_OFF", "null"))));

		var html = send(orderId, Map.of("token", token, "lang", lang, "quantity-CAN-2", "1", "reason", "DOES_NOT_FIT",
				"outcome", "EXCHANGE", "method", "DROP_OFF"))
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

		Html.assertAccessibleBasics(html, lang);
		assertThat(html).contains(expected).contains("<span class=\"reference\">RET-9</span>").doesNotContain("/label/")
			.as("no tracking link was posted: no way back is offered").doesNotContain("/track/");
		// an exchange is for the same item again: the page offers no other variant
		BackendStandIn.get().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/returns"))
			.withQueryParam("token", equalTo(token))
			.withRequestBody(equalToJson("{\"orderId\":\"" + orderId + "\",\"lines\":[{\"sku\":\"CAN-2\",\"quantity\":1,"
					+ "\"exchangeSku\":\"CAN-2\"}],\"reason\":\"DOES_NOT_FIT\",\"comment\":null,\"outcome\":\"EXCHANGE\","
					+ "\"method\":\"DROP_OFF\"}")));
	}

	@Test
	void withoutAnItemTheFormComesBackWithErrorsAndNothingIsSent() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		stubReturnable(orderId, token);

		var html = send(orderId, Map.of("token", token, "lang", "en", "quantity-VASE-1", "0", "quantity-CAN-2", "0",
				"outcome", "REFUND"))
			.expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();

		Html.assertAccessibleBasics(html, "en");
		assertThat(html).contains("<title>Error: Return items – Tulip &amp; Co</title>")
			.contains("<a href=\"#quantity-0\">Choose at least one item to return.</a>")
			.contains("<p class=\"field-error\" id=\"lines-error\">Choose at least one item to return.</p>")
			.contains("<a href=\"#reason\">Choose a reason.</a>")
			.contains("<a href=\"#method-MAIL_IN\">Choose how you will send the items back.</a>");
		// what the customer chose stays chosen
		assertThat(Html.checked(html)).containsExactly("outcome-REFUND");
		BackendStandIn.get().verify(0, postRequestedFor(urlPathEqualTo("/api/v1/returns"))
			.withQueryParam("token", equalTo(token)));
	}

	@Test
	void aRefusalIsExplainedOnTheFormInTheCustomersWords() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		stubReturnable(orderId, token);
		BackendStandIn.get().stubFor(post(urlPathEqualTo("/api/v1/returns")).withQueryParam("token", equalTo(token))
			.willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/problem+json")
				.withBody("{\"status\":422,\"detail\":\"The return is not possible: QUANTITY_EXCEEDED\",\"violations\":"
						+ "[{\"rule\":\"QUANTITY_EXCEEDED\",\"sku\":\"CAN-2\",\"detail\":\"Only 1 of CAN-2 left\"}]}")));

		var html = send(orderId, Map.of("token", token, "lang", "nl", "quantity-CAN-2", "1", "reason", "CHANGED_MIND",
				"outcome", "STORE_CREDIT", "method", "MAIL_IN"))
			.expectStatus().isEqualTo(422).expectBody(String.class).returnResult().getResponseBody();

		Html.assertAccessibleBasics(html, "nl");
		assertThat(html).contains("<a href=\"#quantity-1\">Over Gießkanne: U hebt meer van dit artikel gekozen dan u nog kunt retourneren.</a>")
			.contains("<option value=\"1\" selected>1</option>")
			.contains("<option value=\"CHANGED_MIND\" selected>")
			.doesNotContain("Only 1 of").doesNotContain("not possible");
		assertThat(Html.checked(html)).containsExactly("outcome-STORE_CREDIT", "method-MAIL_IN");
	}

	@Test
	void theLabelIsShownByThePagesInTheCustomersLanguage() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		BackendStandIn.get().stubFor(get(urlPathEqualTo("/api/v1/customer/returns/RET-L1"))
			.withQueryParam("token", equalTo(token))
			.willReturn(okJson(created(orderId, "RET-L1", "LABEL_ISSUED", "PRINT_LABEL", "REFUND", "MAIL_IN",
					"{\"carrier\":\"dhl\",\"trackingNumber\":\"JVGL5555\",\"labelUrl\":\"http://localhost:8084/x\"}"))));

		var html = web.get().uri("/returns/{id}/label/RET-L1?token={token}&lang=fr", orderId, token).exchange()
			.expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

		Html.assertAccessibleBasics(html, "fr");
		assertThat(html).contains("<h1>Votre étiquette de retour</h1>")
			.contains("<p class=\"label-number\">JVGL5555</p>")
			.contains("remettez le colis à DHL.")
			.contains("<dd>RET-L1</dd>").contains("<dd>" + orderId + "</dd>");

		// a return of another order is no label of this one
		var other = BackendStandIn.freshOrderId();
		web.get().uri("/returns/{id}/label/RET-L1?token={token}", other, token).exchange().expectStatus().isNotFound();
	}

	@Test
	void backendAnswersBecomeTheirPages() {
		var refused = BackendStandIn.freshOrderId();
		BackendStandIn.get().stubFor(get(urlPathEqualTo(returnable(refused)))
			.willReturn(aResponse().withStatus(403).withBody("{\"detail\":\"not this order\"}")));
		var html = web.get().uri("/returns/{id}?token={token}&lang=fr", refused, token(refused)).exchange()
			.expectStatus().isForbidden().expectBody(String.class).returnResult().getResponseBody();
		assertThat(html).contains("<h1>Ce lien a expiré ou ne concerne pas cette commande</h1>");
		Html.assertAccessibleBasics(html, "fr");

		var down = BackendStandIn.freshOrderId();
		BackendStandIn.get().stubFor(get(urlPathEqualTo(returnable(down))).willReturn(aResponse().withStatus(503)));
		var unavailable = web.get().uri("/returns/{id}?token={token}", down, token(down)).exchange()
			.expectStatus().isEqualTo(503).expectBody(String.class).returnResult().getResponseBody();
		assertThat(unavailable).contains("<h1>This page is temporarily unavailable</h1>");
		Html.assertAccessibleBasics(unavailable, "en");

		var postRefused = BackendStandIn.freshOrderId();
		var postToken = token(postRefused);
		BackendStandIn.get().stubFor(post(urlPathEqualTo("/api/v1/returns")).withQueryParam("token", equalTo(postToken))
			.willReturn(aResponse().withStatus(401)));
		send(postRefused, Map.of("token", postToken, "lang", "de", "quantity-A", "1", "reason", "OTHER",
				"outcome", "REFUND", "method", "MAIL_IN"))
			.expectStatus().isForbidden()
			.expectBody(String.class).value(body -> assertThat(body).contains("<html lang=\"de\">"));
	}

	@Test
	void aFormSentFromAnotherSiteIsRefused() {
		var orderId = BackendStandIn.freshOrderId();
		var form = new LinkedMultiValueMap<String, String>();
		form.add("token", token(orderId));
		form.add("quantity-A", "1");
		web.post().uri("/returns/{id}", orderId).header("Sec-Fetch-Site", "cross-site")
			.body(BodyInserters.fromFormData(form)).exchange().expectStatus().isForbidden();
		BackendStandIn.get().verify(0, postRequestedFor(urlPathEqualTo("/api/v1/returns"))
			.withRequestBody(WireMock.containing(orderId)));
	}

	private WebTestClient.ResponseSpec send(String orderId, Map<String, String> fields) {
		var form = new LinkedMultiValueMap<String, String>();
		fields.forEach(form::add);
		return web.post().uri("/returns/{id}", orderId).body(BodyInserters.fromFormData(form)).exchange();
	}

	/** Stubs returns-service's preview of the order; returns the TRACKING token it links back with. */
	private static String stubReturnable(String orderId, String token) {
		var tracking = BackendStandIn.token(orderId, LinkPurpose.TRACKING);
		BackendStandIn.get().stubFor(get(urlPathEqualTo(returnable(orderId))).withQueryParam("token", equalTo(token))
			.willReturn(okJson("{\"orderId\":\"" + orderId + "\",\"eligible\":["
					+ "{\"sku\":\"VASE-1\",\"name\":\"Tulpenvaas\",\"maxQuantity\":2,\"purchased\":3,\"returned\":1,"
					+ "\"lastDay\":\"2026-12-23\",\"windowClosesAt\":\"2026-12-23T23:00:00Z\","
					+ "\"outcomes\":[\"EXCHANGE\",\"REFUND\",\"STORE_CREDIT\"],\"methods\":[\"MAIL_IN\",\"DROP_OFF\"]},"
					+ "{\"sku\":\"CAN-2\",\"name\":\"Gießkanne\",\"maxQuantity\":1,\"purchased\":1,\"returned\":0,"
					+ "\"lastDay\":\"2026-12-23\",\"windowClosesAt\":\"2026-12-23T23:00:00Z\","
					+ "\"outcomes\":[\"REFUND\",\"STORE_CREDIT\",\"EXCHANGE\"],\"methods\":[\"IN_STORE\",\"MAIL_IN\"]}],"
					+ "\"ineligible\":["
					+ "{\"sku\":\"GIFT-1\",\"name\":\"Geschenkkarte\",\"purchased\":1,\"returned\":0,\"blockedBy\":"
					+ "[{\"rule\":\"FINAL_SALE\",\"detail\":\"GIFT-1 was sold as final sale on 2026-05-02\"}]},"
					+ "{\"sku\":\"BULB-9\",\"name\":\"Tulpenzwiebeln\",\"purchased\":5,\"returned\":0,\"blockedBy\":"
					+ "[{\"rule\":\"RETURN_WINDOW_CLOSED\",\"detail\":\"The window closed on 2026-06-01\"}]}],"
					+ "\"reasons\":[{\"reason\":\"DAMAGED\",\"restockingFeePercent\":0,\"refundsShipping\":true},"
					+ "{\"reason\":\"DOES_NOT_FIT\",\"restockingFeePercent\":0,\"refundsShipping\":false},"
					+ "{\"reason\":\"CHANGED_MIND\",\"restockingFeePercent\":12.5,\"refundsShipping\":false}],"
					+ "\"links\":{\"trackingToken\":\"" + tracking + "\"}}")));
		return tracking;
	}

	/** returns-service's customer ReturnView. */
	private static String created(String orderId, String id, String state, String nextStep, String outcome,
			String method, String label) {
		return "{\"id\":\"" + id + "\",\"orderId\":\"" + orderId + "\",\"customerId\":null,\"state\":\"" + state
				+ "\",\"nextStep\":\"" + nextStep + "\",\"reason\":\"DAMAGED\",\"comment\":null,\"outcome\":\"" + outcome
				+ "\",\"method\":\"" + method + "\",\"lines\":[{\"sku\":\"VASE-1\",\"name\":\"Tulpenvaas\",\"quantity\":2,"
				+ "\"unitPrice\":{\"amount\":19.95,\"currency\":\"EUR\"},\"exchangeSku\":null}],\"automatic\":true,"
				+ "\"decidedBy\":null,\"rejection\":null,\"label\":" + label + ",\"inspection\":[],\"refund\":null,"
				+ "\"history\":[],\"createdAt\":\"2026-05-20T10:00:00Z\",\"updatedAt\":\"2026-05-20T10:00:00Z\"}";
	}

	private static String returnable(String orderId) {
		return "/api/v1/customer/orders/" + orderId + "/returnable";
	}

	private static String token(String orderId) {
		return BackendStandIn.token(orderId, LinkPurpose.RETURN);
	}

}
