package dev.postpurchase.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import dev.postpurchase.kit.security.LinkPurpose;

/** What every page shares: languages, brand, security headers, error pages, same-origin forms. */
@CustomerPagesIntegrationTest
class SharedPagesIntegrationTests {

	@Autowired
	WebTestClient web;

	@ParameterizedTest
	@CsvSource({ "en, How did we do?", "de, Wie waren wir?", "nl, Hoe hebben we het gedaan?",
			"fr, Comment nous sommes-nous débrouillés ?" })
	void aPageSpeaksTheLanguageItIsAskedFor(String lang, String heading) {
		var orderId = BackendStandIn.freshOrderId();
		var html = page("/survey/{id}?token={token}&lang={lang}", orderId, BackendStandIn.token(orderId, LinkPurpose.SURVEY), lang);

		assertThat(html).contains("<h1>" + heading + "</h1>");
		Html.assertAccessibleBasics(html, lang);
	}

	@Test
	void withoutLangThePageSpeaksTheBrowsersLanguageAndFallsBackToEnglish() {
		var orderId = BackendStandIn.freshOrderId();
		var token = BackendStandIn.token(orderId, LinkPurpose.SURVEY);

		assertThat(web.get().uri("/survey/{id}?token={token}", orderId, token).header("Accept-Language", "nl-BE, fr;q=0.8")
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
			.contains("<html lang=\"nl\">");
		assertThat(web.get().uri("/survey/{id}?token={token}", orderId, token).header("Accept-Language", "es-ES, it")
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
			.contains("<html lang=\"en\">");
		// ?lang= wins over the browser
		assertThat(web.get().uri("/survey/{id}?token={token}&lang=fr", orderId, token).header("Accept-Language", "de")
			.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
			.contains("<html lang=\"fr\">");
	}

	@Test
	void everyPageCarriesTheSecurityHeaders() {
		var orderId = BackendStandIn.freshOrderId();
		web.get().uri("/survey/{id}?token={token}", orderId, BackendStandIn.token(orderId, LinkPurpose.SURVEY))
			.exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("Content-Security-Policy",
					"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
			.expectHeader().valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader().valueEquals("Cache-Control", "no-store")
			.expectHeader().exists("Permissions-Policy")
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);
		// error pages too
		web.get().uri("/no-such-page").exchange()
			.expectStatus().isNotFound()
			.expectHeader().valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader().valueEquals("Cache-Control", "no-store");
	}

	@Test
	void theBrandComesFromConfiguration() {
		var css = web.get().uri("/brand.css").exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith("text/css")
			.expectHeader().valueEquals("Cache-Control", "max-age=3600")
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(css).contains("--brand-primary: #0b6e4f;").contains("--brand-accent: #aa3333;")
			// white on the dark green contrasts more than black
			.contains("--brand-on-primary: #ffffff;");

		var logo = web.get().uri("/brand/logo").exchange()
			.expectStatus().isOk()
			.expectHeader().contentType("image/svg+xml")
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(logo).startsWith("<svg");

		web.get().uri("/css/pages.css").exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith("text/css");

		var orderId = BackendStandIn.freshOrderId();
		var html = page("/survey/{id}?token={token}", orderId, BackendStandIn.token(orderId, LinkPurpose.SURVEY), "en");
		assertThat(html).contains("<title>How did we do? – Tulip &amp; Co</title>")
			.contains("<span class=\"brand-name\">Tulip &amp; Co</span>")
			.contains("<a href=\"https://support.tulip.example/help\">Contact customer support</a>")
			.contains("<link rel=\"stylesheet\" href=\"/brand.css\">")
			.doesNotContain("http://fonts").doesNotContain("<script").doesNotContain("style=\"");
	}

	@Test
	void anUnknownPageIsANotFoundPageInTheBrowsersLanguage() {
		var html = web.get().uri("/nothing/here").header("Accept-Language", "de").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(html).contains("<h1>Seite nicht gefunden</h1>");
		Html.assertAccessibleBasics(html, "de");
	}

	@Test
	void aFormSentFromAnotherSiteIsRefused() {
		var orderId = BackendStandIn.freshOrderId();
		var form = Map.of("token", BackendStandIn.token(orderId, LinkPurpose.SURVEY), "nps", "9");

		web.post().uri("/survey/{id}", orderId).header("Origin", "https://evil.example")
			.body(BodyInserters.fromFormData(multi(form))).exchange().expectStatus().isForbidden();
		web.post().uri("/survey/{id}", orderId).header("Sec-Fetch-Site", "cross-site")
			.body(BodyInserters.fromFormData(multi(form))).exchange().expectStatus().isForbidden();
		BackendStandIn.get().verify(0, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
				com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/api/v1/surveys"))
			.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(orderId)));
	}

	@Test
	void healthAndPrometheusAreOpen() {
		web.get().uri("/actuator/health").exchange().expectStatus().isOk();
		web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
	}

	private String page(String uri, Object... variables) {
		return web.get().uri(uri, variables).exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
	}

	static org.springframework.util.LinkedMultiValueMap<String, String> multi(Map<String, String> values) {
		var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
		values.forEach(form::add);
		return form;
	}

}
