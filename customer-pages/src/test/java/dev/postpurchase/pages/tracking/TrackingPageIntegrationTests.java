package dev.postpurchase.pages.tracking;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.pages.BackendStandIn;
import dev.postpurchase.pages.CustomerPagesIntegrationTest;
import dev.postpurchase.pages.Html;

/**
 * The tracking page: order-service's customer view of an order, worded for the customer in their
 * language and time zone; the carrier's own texts never shown.
 */
@CustomerPagesIntegrationTest
class TrackingPageIntegrationTests {

	private static final String RETURN_TOKEN = "return.token-of_the.order";

	private static final String PREFERENCES_TOKEN = "preferences.token-of_the.order";

	@Autowired
	WebTestClient web;

	@Test
	void anOrderOnItsWaySpeaksTheOrdersLanguageWithTimesInTheCustomersZone() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		// Curaçao is UTC-4: the promise's 03:59 UTC on Tuesday is still Monday there
		stub(orderId, token, order(orderId, "SHIPPED", "nl-NL", "America/Curacao",
				"{\"from\":null,\"by\":\"2026-05-12T03:59:00Z\",\"timeZone\":\"America/Curacao\"}",
				"[" + parcel("OUTBOUND", "postnl", "3SPOST0001", "OutForDelivery", "ON_TRACK", null, null, "["
						+ checkpoint("2026-05-11T12:30:00Z", "OutForDelivery", "OutForDelivery_001", null,
								"Bezorger Piet levert af bij dhr. J. Jansen", "Willemstad", "CW")
						+ "," + checkpoint("2026-05-10T14:05:00Z", "InTransit", "InTransit_002", null,
								"Sorted at hub", "Willemstad", "CW")
						+ "," + checkpoint("2026-05-09T13:00:00Z", "InfoReceived", null, null, "Label created", null,
								"NL")
						+ "]") + "]",
				"[]", "[]"));

		var html = page("/track/{id}?token={token}", orderId, token);

		Html.assertAccessibleBasics(html, "nl");
		assertThat(html).contains("<h1>Uw bestelling</h1>")
			.contains("Bestelling " + orderId + ", geplaatst op zaterdag 2 mei om 04:00")
			.contains("<p class=\"promise\">Uiterlijk maandag 11 mei bezorgd</p>")
			.contains("PostNL, trackingnummer 3SPOST0001")
			.contains("2 × Tulpenvaas")
			.contains("Willemstad, Curaçao")
			// 14:05 UTC is 10:05 in Curaçao
			.contains(">zo 10 mei, 10:05</time>")
			.contains("<time datetime=\"2026-05-10T10:05-04:00\">")
			.contains("Tijden in de tijdzone America/Curacao.")
			.doesNotContain("Jansen").doesNotContain("Piet").doesNotContain("Sorted at hub").doesNotContain("Label created");
		var timeline = html.substring(html.indexOf("<ol class=\"timeline\""), html.indexOf("</ol>"));
		assertThat(timeline.indexOf("Wordt vandaag bezorgd")).as("newest first").isNotNegative()
			.isLessThan(timeline.indexOf("Onderweg"));
		assertThat(timeline.indexOf("Onderweg")).isLessThan(timeline.indexOf("De vervoerder heeft de gegevens"));
		assertThat(timeline).contains("<li class=\"latest\"><p class=\"step-text\">Wordt vandaag bezorgd</p>");
	}

	@Test
	void theLinksCarryTheTokensOrderServiceHandsOn() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		stub(orderId, token, order(orderId, "SHIPPED", "fr-BE", "Europe/Brussels", null, "[]", "[]", "[]"));

		var html = page("/track/{id}?token={token}", orderId, token);

		Html.assertAccessibleBasics(html, "fr");
		assertThat(html)
			.contains("<a href=\"/returns/" + orderId + "?token&#x3D;" + RETURN_TOKEN + "&amp;lang&#x3D;fr\">Faire un retour</a>")
			.contains("<a href=\"/preferences/" + orderId + "?token&#x3D;" + PREFERENCES_TOKEN
					+ "&amp;lang&#x3D;fr\">Préférences de notification</a>")
			.contains("<a href=\"https://support.tulip.example/help\">Contacter le service client</a>")
			// the language switch keeps the tracking token
			.contains("href=\"/track/" + orderId + "?token&#x3D;" + token + "&amp;lang&#x3D;de\"");
		BackendStandIn.get().verify(1, getRequestedFor(urlPathEqualTo("/api/v1/customer/orders/" + orderId))
			.withQueryParam("token", equalTo(token)));
	}

	@Test
	void aDeliveredParcelSaysWhenInTheLanguageAskedFor() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		stub(orderId, token, order(orderId, "SHIPPED", "de-DE", "Europe/London",
				"{\"from\":\"2026-05-10T22:00:00Z\",\"by\":\"2026-05-12T21:59:00Z\",\"timeZone\":\"Europe/Berlin\"}",
				"[" + parcel("OUTBOUND", "dhl", "JD0001", "Delivered", "DELIVERED_ON_TIME", null,
						"\"2026-05-11T08:42:00Z\"", "[" + checkpoint("2026-05-11T08:42:00Z", "Delivered", "Delivered_003",
								null, "Signed by MRS SMITH", "London", "GB") + "]")
						+ "]",
				"[]", "[]"));

		// ?lang= wins over the order's German; 08:42 UTC is 09:42 in London (summer time)
		var html = page("/track/{id}?token={token}&lang=en", orderId, token);

		Html.assertAccessibleBasics(html, "en");
		assertThat(html).contains("<p class=\"promise promise-done\">Delivered Monday 11 May at 09:42</p>")
			// the order is still SHIPPED, but every parcel has arrived
			.contains("Your order has been delivered.")
			.doesNotContain("Your order is on its way.")
			.contains("Delivered and signed for")
			.contains("London, United Kingdom")
			.doesNotContain("SMITH");
	}

	@Test
	void aPromiseWindowIsWordedInThePromisesZone() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		stub(orderId, token, order(orderId, "CONFIRMED", "en-GB", "Europe/London",
				"{\"from\":\"2026-05-10T22:00:00Z\",\"by\":\"2026-05-12T21:59:00Z\",\"timeZone\":\"Europe/Berlin\"}",
				"[]", "[]", "[]"));

		var html = page("/track/{id}?token={token}", orderId, token);

		assertThat(html).contains("Your order is confirmed and is being prepared.")
			.contains("<p class=\"promise\">Arrives between Monday 11 May and Tuesday 12 May</p>");
	}

	@Test
	void aLateParcelGivesTheNewEstimateAndExplainsTheProblem() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		stub(orderId, token, order(orderId, "SHIPPED", "de-AT", "Europe/Vienna",
				"{\"from\":null,\"by\":\"2026-05-12T21:59:00Z\",\"timeZone\":\"Europe/Vienna\"}",
				"[" + parcel("OUTBOUND", "dpd", "DPD42", "Exception", "LATE", "\"2026-05-15T10:00:00Z\"", null,
						"[" + checkpoint("2026-05-12T09:00:00Z", "Exception", "Exception_004", "WEATHER",
								"Storm at depot of Mr Huber", "Linz", "AT") + "]")
						+ "]",
				"[{\"kind\":\"CARRIER_EXCEPTION\",\"reason\":\"WEATHER\",\"newEstimate\":\"2026-05-14T08:00:00Z\","
						+ "\"raisedAt\":\"2026-05-12T09:05:00Z\",\"trackingNumber\":\"DPD42\"},"
						+ "{\"kind\":\"FAILED_ATTEMPT\",\"reason\":null,\"newEstimate\":null,"
						+ "\"raisedAt\":\"2026-05-12T09:05:00Z\",\"trackingNumber\":null}]",
				"[]"));

		var html = page("/track/{id}?token={token}", orderId, token);
		// on its way still: the parcel has not arrived
		assertThat(html).contains("Ihre Bestellung ist unterwegs.");

		Html.assertAccessibleBasics(html, "de");
		// the open issue's estimate wins over the parcel's older one
		assertThat(html).contains("<p class=\"promise\">Verspätet – neuer voraussichtlicher Termin: Donnerstag, 14. Mai</p>")
			.contains("<strong>Schlechtes Wetter verzögert die Zustellung.</strong>")
			.contains("Der Paketdienst stellt zu, sobald es sicher ist. Sie müssen nichts tun.")
			.contains("Neuer voraussichtlicher Liefertag: Donnerstag, 14. Mai")
			// a problem of no particular parcel is shown for the order
			.contains("<h2 id=\"order-issues-title\">Zu Ihrer Bestellung</h2>")
			.contains("Der Paketdienst hat versucht, Ihr Paket zuzustellen, aber es hat nicht geklappt.")
			.contains("Linz, Österreich")
			.doesNotContain("Huber").doesNotContain("Storm");
	}

	@Test
	void anOrderWithoutALocaleSpeaksTheBrowsersLanguageAndTheDefaultZone() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		stub(orderId, token, order(orderId, "PLACED", "es-ES", null, null, "[]", "[]", "[]"));

		var html = web.get().uri("/track/{id}?token={token}", orderId, token).header("Accept-Language", "nl-BE, en;q=0.5")
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

		Html.assertAccessibleBasics(html, "nl");
		// pages.time-zone of the tests is Europe/Berlin: 08:00 UTC is 10:00 there
		assertThat(html).contains("geplaatst op zaterdag 2 mei om 10:00").contains("Tijden in de tijdzone Europe/Berlin.");
	}

	@Test
	void returnParcelsAreShownAsYourReturn() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		stub(orderId, token, order(orderId, "SHIPPED", "en-IE", "Europe/Dublin", null,
				"[" + parcel("OUTBOUND", "dhl", "OUT1", "Delivered", "DELIVERED_EARLY", null, "\"2026-05-11T08:42:00Z\"",
						"[]") + ","
						+ parcel("RETURN", "dhl", "JVGL0001", "InTransit", null, null, null,
								"[" + checkpoint("2026-05-20T15:00:00Z", "InTransit", null, null, "Accepted", "Dublin",
										"IE") + "]")
						+ "]",
				"[]", "[{\"state\":\"IN_TRANSIT\",\"method\":\"MAIL_IN\",\"outcome\":\"REFUND\",\"trackingNumber\":\"JVGL0001\"}]"));

		var html = page("/track/{id}?token={token}", orderId, token);

		Html.assertAccessibleBasics(html, "en");
		// a return parcel on its way back does not make the order undelivered
		assertThat(html).contains("Your order has been delivered.");
		var yourReturn = html.substring(html.indexOf("<h2 id=\"your-return-title\">Your return</h2>"));
		assertThat(yourReturn).contains("<dd>On its way back to us</dd>")
			.contains("<dd>By post, with a prepaid label</dd>")
			.contains("<dd>A refund</dd>")
			.contains("DHL, tracking number JVGL0001")
			.contains("Dublin, Ireland")
			.contains("Where your return has been");
		assertThat(html.indexOf("DHL, tracking number JVGL0001")).as("the return is not one of the parcels to the customer")
			.isGreaterThan(html.indexOf("your-return-title"));
		assertThat(html).contains("<h2 id=\"parcel-1-title\">Your parcel</h2>").doesNotContain("parcel-2-title");
	}

	@Test
	void backendAnswersBecomeTheirPages() {
		var refused = BackendStandIn.freshOrderId();
		BackendStandIn.get().stubFor(get(urlPathEqualTo("/api/v1/customer/orders/" + refused))
			.willReturn(aResponse().withStatus(403).withBody("{\"detail\":\"Link is for order X\"}")));
		var html = web.get().uri("/track/{id}?token={token}&lang=de", refused, token(refused)).exchange()
			.expectStatus().isForbidden()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(html).contains("<h1>Dieser Link ist abgelaufen oder gehört nicht zu dieser Bestellung</h1>")
			.doesNotContain("order X");
		Html.assertAccessibleBasics(html, "de");

		var down = BackendStandIn.freshOrderId();
		BackendStandIn.get().stubFor(get(urlPathEqualTo("/api/v1/customer/orders/" + down))
			.willReturn(aResponse().withStatus(503)));
		var unavailable = web.get().uri("/track/{id}?token={token}", down, token(down)).exchange()
			.expectStatus().isEqualTo(503)
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(unavailable).contains("<h1>This page is temporarily unavailable</h1>");
		Html.assertAccessibleBasics(unavailable, "en");

		var noToken = BackendStandIn.freshOrderId();
		web.get().uri("/track/{id}", noToken).exchange().expectStatus().isForbidden();
		BackendStandIn.get().verify(0, getRequestedFor(urlPathEqualTo("/api/v1/customer/orders/" + noToken)));
	}

	private String page(String uri, Object... variables) {
		return web.get().uri(uri, variables).exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("Cache-Control", "no-store")
			.expectBody(String.class).returnResult().getResponseBody();
	}

	private static void stub(String orderId, String token, String json) {
		BackendStandIn.get().stubFor(get(urlPathEqualTo("/api/v1/customer/orders/" + orderId))
			.withQueryParam("token", equalTo(token)).willReturn(okJson(json)));
	}

	/** order-service's CustomerOrderView. */
	private static String order(String orderId, String status, String locale, String timeZone, String promise,
			String parcels, String issues, String returns) {
		return "{\"orderId\":\"" + orderId + "\",\"status\":\"" + status + "\",\"placedAt\":\"2026-05-02T08:00:00Z\","
				+ "\"promise\":" + promise + ",\"locale\":\"" + locale + "\",\"timeZone\":"
				+ (timeZone == null ? "null" : "\"" + timeZone + "\"")
				+ ",\"items\":[{\"name\":\"Tulpenvaas\",\"quantity\":2}],\"parcels\":" + parcels + ",\"openIssues\":"
				+ issues + ",\"returns\":" + returns + ",\"links\":{\"returnToken\":\"" + RETURN_TOKEN
				+ "\",\"preferencesToken\":\"" + PREFERENCES_TOKEN + "\"}}";
	}

	private static String parcel(String direction, String carrier, String trackingNumber, String status,
			String promiseState, String estimatedDelivery, String deliveredAt, String checkpoints) {
		return "{\"carrier\":\"" + carrier + "\",\"trackingNumber\":\"" + trackingNumber + "\",\"direction\":\""
				+ direction + "\",\"status\":\"" + status + "\",\"lastCheckpoint\":null,\"promiseState\":"
				+ (promiseState == null ? "null" : "\"" + promiseState + "\"") + ",\"estimatedDelivery\":"
				+ estimatedDelivery + ",\"deliveredAt\":" + deliveredAt + ",\"checkpoints\":" + checkpoints + "}";
	}

	private static String checkpoint(String at, String status, String subStatus, String reason, String message,
			String city, String country) {
		return "{\"occurredAt\":\"" + at + "\",\"status\":\"" + status + "\",\"subStatus\":"
				+ (subStatus == null ? "null" : "\"" + subStatus + "\"") + ",\"reason\":"
				+ (reason == null ? "null" : "\"" + reason + "\"") + ",\"message\":\"" + message
				+ "\",\"location\":{\"city\":" + (city == null ? "null" : "\"" + city + "\"") + ",\"country\":\""
				+ country + "\",\"timeZone\":null}}";
	}

	private static String token(String orderId) {
		return BackendStandIn.token(orderId, LinkPurpose.TRACKING);
	}

}
