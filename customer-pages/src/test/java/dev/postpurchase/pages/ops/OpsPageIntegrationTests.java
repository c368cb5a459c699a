package dev.postpurchase.pages.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.github.tomakehurst.wiremock.client.MappingBuilder;

import dev.postpurchase.pages.BackendStandIn;
import dev.postpurchase.pages.CustomerPagesIntegrationTest;
import dev.postpurchase.pages.Html;
import dev.postpurchase.testkit.TestTokens;

/**
 * The ops overview: protected like the KPI API (a bearer JWT with {@code metrics:read}), which it
 * passes on to cx-metrics-service (the WireMock stand-in); the numbers, charts and tables it shows are
 * the stand-in's, formatted for the reader's language. Each test mints its own token and the stubs
 * answer only that token, so tests do not see each other's answers.
 */
@CustomerPagesIntegrationTest
@Import(OpsPageIntegrationTests.StoppedClock.class)
class OpsPageIntegrationTests {

	/**
	 * The pages' clock, stopped when the context starts: the test's "today" is the page's, even when a
	 * test runs across midnight in the store's time zone.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class StoppedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.now(), ZoneOffset.UTC);
		}

	}

	private static final String KPIS = "/api/v1/kpis";

	// the tests' pages.time-zone
	private static final ZoneId STORE_ZONE = ZoneId.of("Europe/Berlin");

	private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("<[^>]*\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

	@Autowired
	WebTestClient web;

	@Autowired
	Clock clock;

	@Test
	void withoutAValidTokenTheOverviewIsUnauthorizedAndNothingIsAsked() {
		web.get().uri("/ops").exchange().expectStatus().isUnauthorized();
		var forged = TestTokens.forged("metrics:read");
		web.get().uri("/ops").headers(headers -> headers.setBearerAuth(forged))
			.exchange().expectStatus().isUnauthorized();
		var expired = TestTokens.expired("metrics:read");
		web.get().uri("/ops").headers(headers -> headers.setBearerAuth(expired))
			.exchange().expectStatus().isUnauthorized();

		for (var token : List.of(forged, expired)) {
			BackendStandIn.get()
				.verify(0, getRequestedFor(urlPathEqualTo(KPIS)).withHeader("Authorization", equalTo("Bearer " + token)));
		}
	}

	@Test
	void aTokenWithoutMetricsReadIsForbiddenAndNothingIsAsked() {
		var token = TestTokens.of("orders:read", "support");

		web.get().uri("/ops").headers(headers -> headers.setBearerAuth(token)).exchange().expectStatus().isForbidden();

		BackendStandIn.get()
			.verify(0, getRequestedFor(urlPathEqualTo(KPIS)).withHeader("Authorization", equalTo("Bearer " + token)));
	}

	@Test
	void theOverviewShowsTheKpisOfTodayAndTheWeekAsCxMetricsServiceCountedThem() {
		var token = TestTokens.of("metrics:read");
		var today = LocalDate.now(clock.withZone(STORE_ZONE));
		stubAll(token, today);

		var html = page("/ops", token, null);

		// the four calls, each with the caller's own bearer token
		var stand = BackendStandIn.get();
		stand.verify(getRequestedFor(urlPathEqualTo(KPIS)).withHeader("Authorization", equalTo("Bearer " + token))
			.withQueryParam("from", equalTo(today.toString())).withQueryParam("to", equalTo(today.toString()))
			.withQueryParam("groupBy", absent()));
		stand.verify(getRequestedFor(urlPathEqualTo(KPIS)).withHeader("Authorization", equalTo("Bearer " + token))
			.withQueryParam("from", equalTo(today.minusDays(6).toString())).withQueryParam("to", equalTo(today.toString()))
			.withQueryParam("groupBy", equalTo("kind")));
		stand.verify(getRequestedFor(urlPathEqualTo(KPIS)).withHeader("Authorization", equalTo("Bearer " + token))
			.withQueryParam("from", equalTo(today.minusDays(6).toString())).withQueryParam("to", equalTo(today.toString()))
			.withQueryParam("groupBy", equalTo("carrier")));
		stand.verify(getRequestedFor(urlPathEqualTo(KPIS)).withHeader("Authorization", equalTo("Bearer " + token))
			.withQueryParam("from", equalTo(today.minusDays(13).toString())).withQueryParam("to", equalTo(today.toString()))
			.withQueryParam("groupBy", absent()));

		Html.assertAccessibleBasics(html, "en");
		assertThat(html).contains("<h1>Operations overview</h1>");
		assertThat(STYLE_ATTRIBUTE.matcher(html).find()).as("a style attribute").isFalse();
		// big numbers: today, then the last 7 days, each with what it was computed from
		assertThat(kpi(html, "onTimeDeliveryRate")).contains("<h3 id=\"kpi-onTimeDeliveryRate\">On-time delivery rate</h3>")
			.containsSubsequence("Today", ">92 %<", ">23 / 25<", "Last 7 days", ">90 %<", ">90 / 100<");
		assertThat(kpi(html, "openExceptions")).containsSubsequence(">7<", ">6<");
		assertThat(kpi(html, "exceptionsPer100Shipments")).containsSubsequence(">20<", ">1 / 5<", ">4.5<", ">5 / 110<");
		assertThat(kpi(html, "refundCycleSecondsP90")).containsSubsequence(">—<", ">26 h<", ">from 12 values<");
		assertThat(kpi(html, "nps")).containsSubsequence(">—<", ">20<", ">from 5 values<");
		assertThat(kpi(html, "ces")).containsSubsequence(">3.7<", ">from 3 values<");
		assertThat(kpi(html, "emailClickThroughRate")).containsSubsequence(">33.3 %<", ">1 / 3<");
		// a KPI without value, with and without what it was computed from
		assertThat(kpi(html, "notificationDeliveryRate")).containsSubsequence("Today", ">—<", ">0 / 0<", "Last 7 days",
				">50 %<", ">2 / 4<");
		assertThat(kpi(html, "csat")).containsSubsequence("Today", ">—<", "Last 7 days", ">—<");

		// the trends: one point or bar per day of the 14
		var onTime = chart(html, "chart-on-time");
		assertThat(count(onTime, "<circle class=\"point\"")).isEqualTo(14);
		assertThat(onTime).contains("<title id=\"chart-on-time-title\">On-time delivery rate per day</title>")
			.contains("<desc id=\"chart-on-time-desc\">")
			.contains("aria-labelledby=\"chart-on-time-title chart-on-time-desc\"")
			.contains(">100 %</text>").contains(">0 %</text>")
			.contains("<polyline class=\"line\"");
		var exceptions = chart(html, "chart-exceptions");
		assertThat(count(exceptions, "<rect class=\"bar\"")).isEqualTo(14);
		// the data table fallback: a row per day, today's value last
		assertThat(count(exceptions, "<tr><th scope=\"row\">")).isEqualTo(14);
		assertThat(exceptions).contains("<details class=\"chart-table\">")
			.contains("<th scope=\"row\">" + dayInEnglish(today) + "</th><td>13</td>");
		assertThat(count(chart(html, "chart-notifications"), "<rect class=\"bar\"")).isEqualTo(14);
		var returns = chart(html, "chart-returns");
		assertThat(count(returns, "<rect class=\"bar\"")).isEqualTo(14);
		// returns.DAMAGED 2 + returns.DOES_NOT_FIT 1 on each day
		assertThat(returns).contains("<th scope=\"row\">" + dayInEnglish(today) + "</th><td>3</td>");

		// open exceptions by kind and by carrier, most open first, the largest bar full width
		var byKind = table(html, "By kind");
		assertThat(byKind).containsSubsequence("Late", ">4<", "width=\"160.0\"", ">6<", "Stalled (no scan)", ">2<",
				"width=\"80.0\"", ">1<").doesNotContain("Carrier exception");
		var byCarrier = table(html, "By carrier");
		assertThat(byCarrier).containsSubsequence("dhl", ">5<", "width=\"160.0\"", ">4<", "80 %", "8 / 10", "ups", ">1<",
				"width=\"32.0\"", ">0<", "—");

		// the week's notification outcomes and return reasons
		assertThat(section(html, "outcomes-title")).containsSubsequence("Sent", ">98<", "95.1 %", "Failed for good", ">2<",
				"1.9 %", "Suppressed", ">3<", "2.9 %", "Total: 103");
		assertThat(section(html, "reasons-title")).containsSubsequence("Does not fit", ">5<", "62.5 %", "Damaged", ">3<",
				"37.5 %", "Total: 8");
	}

	@Test
	void theOverviewSpeaksTheLanguageAskedForOrTheBrowsers() {
		var token = TestTokens.of("metrics:read");
		var today = LocalDate.now(clock.withZone(STORE_ZONE));
		stubAll(token, today);

		var german = page("/ops?lang=de", token, null);
		Html.assertAccessibleBasics(german, "de");
		assertThat(german).contains("<h1>Betriebsübersicht</h1>");
		assertThat(kpi(german, "onTimeDeliveryRate")).contains("Pünktlich zugestellt")
			.containsSubsequence("Heute", ">92\u00a0%<", ">23 / 25<", "Letzte 7 Tage", ">90\u00a0%<");
		assertThat(kpi(german, "exceptionsPer100Shipments")).contains(">4,5<");
		assertThat(kpi(german, "refundCycleSecondsP90")).contains(">26 Std.<");
		assertThat(table(german, "Nach Art")).contains("Verspätet");
		// the language links keep to the page, with no token of any kind in them
		assertThat(german).contains("href=\"/ops?lang&#x3D;nl\"");

		var dutch = page("/ops", token, "nl-NL, en;q=0.5");
		Html.assertAccessibleBasics(dutch, "nl");
		assertThat(kpi(dutch, "onTimeDeliveryRate")).contains("Op tijd bezorgd").contains(">92%<");
		assertThat(dutch).contains("Toon de cijfers");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void cxMetricsServiceRefusingTheTokenIsForbiddenAndBeingDownIsUnavailable(CapturedOutput output) {
		var refused = TestTokens.of("metrics:read");
		BackendStandIn.get().stubFor(kpis(refused).willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/problem+json").withBody("{\"detail\":\"scope metrics:read\"}")));
		var forbidden = web.get().uri("/ops?lang=fr").headers(headers -> headers.setBearerAuth(refused)).exchange()
			.expectStatus().isForbidden()
			.expectHeader().valueEquals("Cache-Control", "no-store")
			.expectBody(String.class).returnResult().getResponseBody();
		Html.assertAccessibleBasics(forbidden, "fr");
		assertThat(forbidden).contains("<h1>Vous ne pouvez pas voir la vue d’ensemble des opérations</h1>")
			.doesNotContain("scope metrics:read\"");

		var down = TestTokens.of("metrics:read");
		BackendStandIn.get().stubFor(kpis(down).willReturn(aResponse().withStatus(503)));
		var unavailable = web.get().uri("/ops").headers(headers -> headers.setBearerAuth(down)).exchange()
			.expectStatus().isEqualTo(503)
			.expectBody(String.class).returnResult().getResponseBody();
		Html.assertAccessibleBasics(unavailable, "en");
		assertThat(unavailable).contains("<h1>This page is temporarily unavailable</h1>");

		// the failures are logged, the tokens never
		assertThat(output).contains("cx-metrics-service answered 503 for page ops").doesNotContain(refused)
			.doesNotContain(down);
	}

	private String page(String uri, String token, String acceptLanguage) {
		return web.get().uri(uri).headers(headers -> {
			headers.setBearerAuth(token);
			if (acceptLanguage != null) {
				headers.set("Accept-Language", acceptLanguage);
			}
		}).exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("Cache-Control", "no-store")
			.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class).returnResult().getResponseBody();
	}

	/** cx-metrics-service's four answers, for this token only. */
	private static void stubAll(String token, LocalDate today) {
		var stand = BackendStandIn.get();
		var week = today.minusDays(6).toString();
		stand.stubFor(kpis(token).withQueryParam("from", equalTo(today.toString())).withQueryParam("groupBy", absent())
			.willReturn(okJson(report(todayKpis(), Map.of(), Map.of()))));
		stand.stubFor(kpis(token).withQueryParam("from", equalTo(week)).withQueryParam("groupBy", equalTo("kind"))
			.willReturn(okJson(report(weekKpis(), Map.of(), Map.of(
					"LATE", exceptionKpis(4, 6, 110),
					"STALLED", exceptionKpis(2, 1, 110),
					"CARRIER_EXCEPTION", exceptionKpis(0, 0, 110))))));
		var dhl = new LinkedHashMap<>(exceptionKpis(5, 4, 80));
		dhl.put("onTimeDeliveryRate", rate(0.8, 8, 10));
		var ups = new LinkedHashMap<>(exceptionKpis(1, 0, 30));
		ups.put("onTimeDeliveryRate", rate(null, 0, 0));
		stand.stubFor(kpis(token).withQueryParam("from", equalTo(week)).withQueryParam("groupBy", equalTo("carrier"))
			.willReturn(okJson(report(weekKpis(), Map.of(), Map.of("dhl", dhl, "ups", ups)))));
		var days = new LinkedHashMap<String, Map<String, String>>();
		for (int i = 13; i >= 0; i--) {
			var day = new LinkedHashMap<String, String>();
			day.put("onTimeDeliveryRate", rate(0.8 + i / 100.0, 80 + i, 100));
			day.put("exceptionsPer100Shipments", "{\"value\":10.0,\"numerator\":" + (13 - i) + ",\"denominator\":100,\"unit\":\"count\"}");
			day.put("notificationFailureRate", rate(0.1, 1, 10));
			day.put("returns.DAMAGED", count(2));
			day.put("returns.DOES_NOT_FIT", count(1));
			days.put(today.minusDays(i).toString(), day);
		}
		stand.stubFor(kpis(token).withQueryParam("from", equalTo(today.minusDays(13).toString()))
			.withQueryParam("groupBy", absent())
			.willReturn(okJson(report(weekKpis(), days, Map.of()))));
	}

	private static MappingBuilder kpis(String token) {
		return get(urlPathEqualTo(KPIS)).withHeader("Authorization", equalTo("Bearer " + token));
	}

	private static Map<String, String> todayKpis() {
		var kpis = new LinkedHashMap<String, String>();
		kpis.put("onTimeDeliveryRate", rate(0.92, 23, 25));
		kpis.put("openExceptions", count(7));
		kpis.put("exceptionsPer100Shipments", "{\"value\":20.0,\"numerator\":1,\"denominator\":5,\"unit\":\"count\"}");
		kpis.put("notificationDeliveryRate", rate(null, 0, 0));
		kpis.put("emailClickThroughRate", rate(1.0 / 3, 1, 3));
		kpis.put("refundCycleSecondsP90", "{\"count\":0,\"unit\":\"seconds\"}");
		kpis.put("nps", "{\"count\":0,\"unit\":\"score\"}");
		kpis.put("ces", "{\"value\":3.6666666666666665,\"count\":3,\"unit\":\"score\"}");
		// csat absent altogether
		return kpis;
	}

	private static Map<String, String> weekKpis() {
		var kpis = new LinkedHashMap<String, String>();
		kpis.put("onTimeDeliveryRate", rate(0.9, 90, 100));
		kpis.put("openExceptions", count(6));
		kpis.put("exceptionsPer100Shipments",
				"{\"value\":4.545454545454546,\"numerator\":5,\"denominator\":110,\"unit\":\"count\"}");
		kpis.put("notificationDeliveryRate", rate(0.5, 2, 4));
		kpis.put("notificationFailureRate", rate(0.02, 2, 100));
		kpis.put("notificationSuppressionRate", rate(3.0 / 101, 3, 101));
		kpis.put("refundCycleSecondsP90", "{\"value\":93600.0,\"count\":12,\"unit\":\"seconds\"}");
		kpis.put("nps", "{\"value\":20.0,\"count\":5,\"unit\":\"score\"}");
		kpis.put("csat", rate(null, 0, 0).replace("\"numerator\":0,\"denominator\":0,", ""));
		kpis.put("returns.DAMAGED", count(3));
		kpis.put("returns.DOES_NOT_FIT", count(5));
		return kpis;
	}

	private static Map<String, String> exceptionKpis(long open, long raised, long registered) {
		var kpis = new LinkedHashMap<String, String>();
		kpis.put("openExceptions", count(open));
		kpis.put("exceptionsPer100Shipments", "{\"value\":" + (raised * 100.0 / registered) + ",\"numerator\":" + raised
				+ ",\"denominator\":" + registered + ",\"unit\":\"count\"}");
		return kpis;
	}

	private static String rate(Double value, long numerator, long denominator) {
		return "{" + (value == null ? "" : "\"value\":" + value + ",") + "\"numerator\":" + numerator
				+ ",\"denominator\":" + denominator + ",\"unit\":\"ratio\"}";
	}

	private static String count(long count) {
		return "{\"value\":" + (double) count + ",\"count\":" + count + ",\"unit\":\"count\"}";
	}

	/** cx-metrics-service's KpiReport. */
	private static String report(Map<String, String> total, Map<String, Map<String, String>> days,
			Map<String, Map<String, String>> groups) {
		return "{\"from\":\"2026-05-01\",\"to\":\"2026-05-14\",\"zone\":\"Europe/Berlin\",\"total\":" + object(total)
				+ ",\"days\":" + nested(days) + ",\"groups\":" + (groups.isEmpty() ? "null" : nested(groups)) + "}";
	}

	private static String nested(Map<String, Map<String, String>> groups) {
		var parts = new ArrayList<String>();
		groups.forEach((key, kpis) -> parts.add("\"" + key + "\":" + object(kpis)));
		return "{" + String.join(",", parts) + "}";
	}

	private static String object(Map<String, String> kpis) {
		var parts = new ArrayList<String>();
		kpis.forEach((name, kpi) -> parts.add("\"" + name + "\":" + kpi));
		return "{" + String.join(",", parts) + "}";
	}

	/** The big numbers of one KPI. */
	private static String kpi(String html, String name) {
		return between(html, "<section class=\"kpi\" aria-labelledby=\"kpi-" + name + "\">", "</section>");
	}

	private static String chart(String html, String id) {
		return between(html, "<figure class=\"chart\" id=\"" + id + "\">", "</figure>");
	}

	private static String table(String html, String caption) {
		return between(html, "<caption>" + caption + "</caption>", "</table>");
	}

	private static String section(String html, String labelledBy) {
		return between(html, "aria-labelledby=\"" + labelledBy + "\"", "</section>");
	}

	private static String between(String html, String start, String end) {
		var from = html.indexOf(start);
		assertThat(from).as(start).isNotNegative();
		return html.substring(from, html.indexOf(end, from));
	}

	private static String dayInEnglish(LocalDate day) {
		return day.format(DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH));
	}

	private static int count(String text, String part) {
		var count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
