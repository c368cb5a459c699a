package dev.postpurchase.pages.preferences;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import com.github.tomakehurst.wiremock.http.Fault;

import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.pages.BackendStandIn;
import dev.postpurchase.pages.CustomerPagesIntegrationTest;
import dev.postpurchase.pages.Html;

/** The preferences page: shows notification-service's state, saves with a PUT, unsubscribes from email. */
@CustomerPagesIntegrationTest
class PreferencePageIntegrationTests {

	@Autowired
	WebTestClient web;

	@Test
	void thePageShowsTheStoredPreferences() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		BackendStandIn.get().stubFor(get(urlPathEqualTo(preferences(orderId))).withQueryParam("token", equalTo(token))
			.willReturn(okJson(state(orderId, false, true, false, "\"de\"", "{\"start\":\"21:30\",\"end\":\"07:00\"}",
					"\"Europe/Berlin\"", "\"2026-03-14T09:05:00Z\"", "\"customer-link\""))));

		var html = web.get().uri("/preferences/{id}?token={token}&lang=de", orderId, token).exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("Cache-Control", "no-store")
			.expectBody(String.class).returnResult().getResponseBody();

		Html.assertAccessibleBasics(html, "de");
		assertThat(html).contains("<h1>Ihre Benachrichtigungseinstellungen</h1>")
			.contains("<option value=\"de\" lang=\"de\" selected>Deutsch</option>")
			.contains("id=\"quietStart\" name=\"quietStart\" value=\"21:30\"")
			.contains("id=\"quietEnd\" name=\"quietEnd\" value=\"07:00\"")
			.contains("<option value=\"Europe/Berlin\" selected>Europe/Berlin</option>")
			// 09:05 UTC is 10:05 in Berlin, in German
			.contains("Zuletzt von Ihnen geändert am 14. März 2026 um 10:05.");
		assertThat(Html.checked(html)).containsExactly("channel-SMS");
	}

	@Test
	void savingSendsEveryShownSettingAsAPutAndConfirms() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		BackendStandIn.get().stubFor(put(urlPathEqualTo(preferences(orderId))).withQueryParam("token", equalTo(token))
			.willReturn(okJson(state(orderId, true, false, true, "null", "null", "null", "\"2026-03-14T09:05:00Z\"",
					"\"customer-link\""))));

		var html = send("/preferences/{id}", orderId, Map.of("token", token, "lang", "fr", "channel-EMAIL", "on",
				"channel-WHATSAPP", "on", "language", "", "quietStart", "", "quietEnd", "", "timeZone", ""))
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();

		BackendStandIn.get().verify(1, putRequestedFor(urlPathEqualTo(preferences(orderId)))
			.withQueryParam("token", equalTo(token))
			.withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson("{\"channels\":{\"EMAIL\":true,\"SMS\":false,\"WHATSAPP\":true},"
					+ "\"language\":null,\"quietHours\":null,\"timeZone\":null}")));
		assertThat(html).contains("<h1>Vos préférences sont enregistrées</h1>")
			.contains("<dt>SMS</dt><dd>Désactivé</dd>")
			.contains("<dt>E-mail</dt><dd>Activé</dd>");
		Html.assertAccessibleBasics(html, "fr");
	}

	@Test
	void quietHoursLanguageAndZoneGoAlong() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		BackendStandIn.get().stubFor(put(urlPathEqualTo(preferences(orderId)))
			.willReturn(okJson(state(orderId, true, true, true, "\"nl\"", "{\"start\":\"22:00\",\"end\":\"08:00\"}",
					"\"Europe/Amsterdam\"", "null", "null"))));

		send("/preferences/{id}", orderId, Map.of("token", token, "channel-EMAIL", "on", "channel-SMS", "on",
				"channel-WHATSAPP", "on", "language", "nl", "quietStart", "22:00", "quietEnd", "08:00", "timeZone",
				"Europe/Amsterdam"))
			.expectStatus().isOk();

		BackendStandIn.get().verify(1, putRequestedFor(urlPathEqualTo(preferences(orderId)))
			.withRequestBody(equalToJson("{\"channels\":{\"EMAIL\":true,\"SMS\":true,\"WHATSAPP\":true},"
					+ "\"language\":\"nl\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"08:00\"},"
					+ "\"timeZone\":\"Europe/Amsterdam\"}")));
	}

	@Test
	void halfQuietHoursComeBackWithAnErrorAndNothingIsSaved() {
		var orderId = BackendStandIn.freshOrderId();

		var html = send("/preferences/{id}", orderId, Map.of("token", token(orderId), "lang", "en", "channel-SMS", "on",
				"quietStart", "22:00", "quietEnd", "", "timeZone", "Mars/Olympus"))
			.expectStatus().isBadRequest()
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(html).contains("<p class=\"field-error\" id=\"quietEnd-error\">Enter a time such as 21:00.</p>")
			.contains("aria-describedby=\"quietHours-hint quietEnd-error\"")
			.contains("<a href=\"#timeZone\">Choose a time zone from the list.</a>")
			.contains("value=\"22:00\"");
		assertThat(Html.checked(html)).containsExactly("channel-SMS");
		Html.assertAccessibleBasics(html, "en");
		BackendStandIn.get().verify(0, putRequestedFor(urlPathEqualTo(preferences(orderId))));
	}

	@Test
	void unsubscribingFromEmailsPostsToTheUnsubscribeApi() {
		var orderId = BackendStandIn.freshOrderId();
		var token = token(orderId);
		BackendStandIn.get().stubFor(post(urlPathEqualTo("/api/v1/customer/orders/" + orderId + "/unsubscribe"))
			.willReturn(okJson(state(orderId, false, true, true, "null", "null", "null", "\"2026-03-14T09:05:00Z\"",
					"\"customer-link\""))));

		var html = send("/preferences/{id}/unsubscribe", orderId, Map.of("token", token, "lang", "en"))
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();

		BackendStandIn.get().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/customer/orders/" + orderId + "/unsubscribe"))
			.withQueryParam("channel", equalTo("EMAIL"))
			.withQueryParam("token", equalTo(token)));
		assertThat(html).contains("<h1>You are unsubscribed from emails</h1>").contains("<dt>Email</dt><dd>Off</dd>")
			// Mustache escapes = and & in attributes; the browser reads them back
			.contains("href=\"/preferences/" + orderId + "?token&#x3D;" + token + "&amp;lang&#x3D;en\"");
	}

	@Test
	void backendAnswersBecomeTheirPages() {
		var refused = BackendStandIn.freshOrderId();
		BackendStandIn.get().stubFor(get(urlPathEqualTo(preferences(refused)))
			.willReturn(aResponse().withStatus(401).withBody("{\"detail\":\"This link has expired\"}")));
		var html = web.get().uri("/preferences/{id}?token={token}&lang=nl", refused, token(refused)).exchange()
			.expectStatus().isForbidden()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(html).contains("<h1>Deze link is verlopen of hoort niet bij deze bestelling</h1>");

		var unknown = BackendStandIn.freshOrderId();
		BackendStandIn.get().stubFor(get(urlPathEqualTo(preferences(unknown))).willReturn(aResponse().withStatus(404)));
		web.get().uri("/preferences/{id}?token={token}", unknown, token(unknown)).exchange()
			.expectStatus().isNotFound()
			.expectBody(String.class).value(body -> assertThat(body).contains("<h1>Page not found</h1>"));

		var down = BackendStandIn.freshOrderId();
		BackendStandIn.get().stubFor(get(urlPathEqualTo(preferences(down)))
			.willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
		web.get().uri("/preferences/{id}?token={token}", down, token(down)).exchange()
			.expectStatus().isEqualTo(503)
			.expectBody(String.class).value(body -> assertThat(body).contains("<h1>This page is temporarily unavailable</h1>"));

		var saveRefused = BackendStandIn.freshOrderId();
		BackendStandIn.get().stubFor(put(urlPathEqualTo(preferences(saveRefused))).willReturn(aResponse().withStatus(403)));
		send("/preferences/{id}", saveRefused, Map.of("token", token(saveRefused), "lang", "fr"))
			.expectStatus().isForbidden()
			.expectBody(String.class).value(body -> assertThat(body).contains("<html lang=\"fr\">")
				.contains("<h1>Ce lien a expiré ou ne concerne pas cette commande</h1>"));
	}

	private WebTestClient.ResponseSpec send(String uri, String orderId, Map<String, String> fields) {
		var form = new LinkedMultiValueMap<String, String>();
		fields.forEach(form::add);
		return web.post().uri(uri, orderId).body(BodyInserters.fromFormData(form)).exchange();
	}

	private static String preferences(String orderId) {
		return "/api/v1/customer/orders/" + orderId + "/preferences";
	}

	/** The customer view of notification-service's PreferenceView. */
	private static String state(String orderId, boolean email, boolean sms, boolean whatsapp, String language,
			String quietHours, String timeZone, String updatedAt, String updatedBy) {
		return "{\"orderId\":\"" + orderId + "\",\"channels\":{\"EMAIL\":" + email + ",\"SMS\":" + sms + ",\"WHATSAPP\":"
				+ whatsapp + "},\"language\":" + language + ",\"quietHours\":" + quietHours + ",\"timeZone\":" + timeZone
				+ ",\"updatedAt\":" + updatedAt + ",\"updatedBy\":" + updatedBy + "}";
	}

	private static String token(String orderId) {
		return BackendStandIn.token(orderId, LinkPurpose.PREFERENCES);
	}

}
