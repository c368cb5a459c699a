package dev.postpurchase.tracking.exception;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.exception.DeliveryExceptionResolved.Resolution;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.TestTokens;
import dev.postpurchase.tracking.TrackingServiceIntegrationTest;

/** Agents resolve exceptions by hand; ops page through them. */
@TrackingServiceIntegrationTest
class ExceptionResolutionIntegrationTests {

	@Autowired
	WebTestClient web;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	MutableClock clock;

	Parcels parcels;

	@BeforeEach
	void parcels() {
		parcels = new Parcels(web, mongo);
	}

	@Test
	void anAgentResolutionPublishesWhoResolvedItAndHowLongItWasOpen() {
		var parcel = parcels.register(clock.instant().plus(Duration.ofDays(5)), ZoneOffset.UTC);
		parcels.scan(parcel, clock.instant().truncatedTo(ChronoUnit.SECONDS), TrackingStatus.EXCEPTION,
				ExceptionReason.DAMAGED);
		var open = list("state=open&kind=CARRIER_EXCEPTION&carrier=" + parcel.carrier(), "orders:read");
		assertThat(open).singleElement().satisfies(item -> {
			assertThat(item).containsEntry("severity", "HIGH").containsEntry("reason", "DAMAGED")
				.containsEntry("state", "open").containsEntry("shipmentId", parcel.shipmentId());
		});
		var exceptionId = (String) open.get(0).get("exceptionId");

		clock.advance(Duration.ofMinutes(10));
		web.post().uri("/api/v1/exceptions/{id}/resolve", exceptionId)
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.bodyValue(Map.of("resolution", "RESOLVED_BY_AGENT", "note", "reship arranged"))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.state").isEqualTo("resolved")
			.jsonPath("$.resolvedBy").isEqualTo(TestTokens.SUBJECT)
			.jsonPath("$.resolution").isEqualTo("RESOLVED_BY_AGENT");

		var resolved = parcels.awaitResolved(parcel, ExceptionKind.CARRIER_EXCEPTION);
		assertThat(resolved.exceptionId()).isEqualTo(exceptionId);
		assertThat(resolved.resolution()).isEqualTo(Resolution.RESOLVED_BY_AGENT);
		assertThat(resolved.resolvedBy()).isEqualTo(TestTokens.SUBJECT);
		assertThat(resolved.openSeconds()).isEqualTo(600);
		assertThat(parcels.resolved(parcel)).singleElement();

		web.post().uri("/api/v1/exceptions/{id}/resolve", exceptionId)
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.bodyValue(Map.of("resolution", "CANCELLED"))
			.exchange()
			.expectStatus().isEqualTo(409);
		assertThat(list("state=open&carrier=" + parcel.carrier(), "support")).isEmpty();
		assertThat(list("state=resolved&carrier=" + parcel.carrier(), "support")).singleElement()
			.satisfies(item -> assertThat(item).containsEntry("exceptionId", exceptionId));
	}

	@Test
	void resolvingNeedsTheSupportScopeAKnownOpenExceptionAndAnAgentsResolution() {
		web.post().uri("/api/v1/exceptions/{id}/resolve", "exc_unknown")
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.bodyValue(Map.of("resolution", "RESOLVED_BY_AGENT"))
			.exchange()
			.expectStatus().isNotFound();
		web.post().uri("/api/v1/exceptions/{id}/resolve", "exc_unknown")
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
			.bodyValue(Map.of("resolution", "RESOLVED_BY_AGENT"))
			.exchange()
			.expectStatus().isForbidden();
		web.post().uri("/api/v1/exceptions/{id}/resolve", "exc_unknown")
			.bodyValue(Map.of("resolution", "RESOLVED_BY_AGENT"))
			.exchange()
			.expectStatus().isUnauthorized();
		web.post().uri("/api/v1/exceptions/{id}/resolve", "exc_unknown")
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.bodyValue(Map.of("resolution", "DELIVERED"))
			.exchange()
			.expectStatus().isBadRequest();
		web.get().uri("/api/v1/exceptions").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.exchange()
			.expectStatus().isForbidden();
		web.get().uri("/api/v1/exceptions?state=sideways").headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.exchange()
			.expectStatus().isBadRequest();
	}

	@Test
	void pagesFollowTheCursorNewestFirst() {
		var carrier = (String) null;
		var ids = new java.util.ArrayList<String>();
		for (int i = 0; i < 5; i++) {
			var parcel = parcels.register(clock.instant().plus(Duration.ofDays(5)), ZoneOffset.UTC);
			carrier = carrier == null ? parcel.carrier() : carrier;
			// a carrier of its own per parcel: page by kind instead, newest first
			parcels.scan(parcel, clock.instant().truncatedTo(ChronoUnit.SECONDS), TrackingStatus.EXPIRED, null);
			ids.add(0, parcels.exceptions(parcel, ExceptionKind.EXPIRED).get(0).exceptionId());
			clock.advance(Duration.ofSeconds(1));
		}
		var seen = new java.util.ArrayList<String>();
		String cursor = null;
		do {
			var page = page("state=open&kind=EXPIRED&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
			@SuppressWarnings("unchecked")
			var items = (List<Map<String, Object>>) page.get("items");
			assertThat(items.size()).isLessThanOrEqualTo(2);
			items.forEach(item -> seen.add((String) item.get("exceptionId")));
			cursor = (String) page.get("nextCursor");
		}
		while (cursor != null && !seen.containsAll(ids));
		assertThat(seen).containsSubsequence(ids).doesNotHaveDuplicates();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> list(String query, String scope) {
		var page = web.get().uri("/api/v1/exceptions?" + query).headers(h -> h.setBearerAuth(TestTokens.of(scope)))
			.exchange()
			.expectStatus().isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (List<Map<String, Object>>) page.get("items");
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> page(String query) {
		return web.get().uri("/api/v1/exceptions?" + query).headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.exchange()
			.expectStatus().isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

}
