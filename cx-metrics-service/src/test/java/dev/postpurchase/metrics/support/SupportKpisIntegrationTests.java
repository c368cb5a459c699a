package dev.postpurchase.metrics.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.SupportContactLogged;
import dev.postpurchase.metrics.CxMetricsServiceIntegrationTest;
import dev.postpurchase.metrics.ScriptedHistory;
import dev.postpurchase.metrics.kpi.FactStore;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.node.ObjectNode;

/**
 * The support KPIs of {@code GET /api/v1/kpis} from a scripted history of OrderPlaced and
 * SupportContactLogged published on {@code order.events}, with duplicates and a contact that comes
 * before its order. The history lies in March of a random far-future year with ids of its own, so
 * other tests' facts do not mix in.
 */
@CxMetricsServiceIntegrationTest
class SupportKpisIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	WebTestClient web;

	@Autowired
	FactStore facts;

	private final ScriptedHistory history = new ScriptedHistory();

	private final String unique = history.unique();

	private final int year = history.year();

	@Test
	void contactsAndOrdersMakeTheKpisWhateverOrderAndHowOftenTheirEventsCome() {
		publish(placed("o1", "WEB", "03-05T10:00:00Z"));
		publish(placed("o2", "MARKETPLACE", "03-05T11:00:00Z"));
		// O3 placed, published twice
		var o3 = placed("o3", "WEB", "03-06T10:00:00Z");
		publish(o3);
		publish(o3);
		// C1 (o1, WISMO, resolved), published twice
		var c1 = contact("c1", "o1", "03-05T12:00:00Z", "WISMO", true);
		publish(c1);
		publish(c1);
		// C2 (o1, WISMO, not resolved)
		publish(contact("c2", "o1", "03-06T12:00:00Z", "WISMO", false));
		// C3 (o4, a return question, resolved) comes before its order's OrderPlaced
		publish(contact("c3", "o4", "03-06T13:00:00Z", "RETURN", true));
		publish(placed("o4", "MARKETPLACE", "03-06T09:00:00Z"));

		await().atMost(TIMEOUT).untilAsserted(() -> {
			var report = web.get()
				.uri("/api/v1/kpis?from={from}&to={to}&groupBy=channel", year + "-03-01", year + "-03-31")
				.headers(headers -> headers.setBearerAuth(TestTokens.of("metrics:read")))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody();
			var day5 = "$.days['" + year + "-03-05'].";
			var day6 = "$.days['" + year + "-03-06'].";
			// 3 contacts (C1, C3 resolved; C1, C2 WISMO), 4 orders
			kpi(report, "$.total.firstContactResolutionRate", 2, 3, "ratio");
			kpi(report, "$.total.contactsPerOrder", 3, 4, "count");
			kpi(report, "$.total.wismoRate", 2, 4, "ratio");
			// the 5th: C1; O1, O2. The 6th: C2, C3; O3, O4
			// other sections may have other days (open exceptions of other tests): none has this section's KPIs
			report.jsonPath("$.days['" + year + "-03-04']." + "firstContactResolutionRate").doesNotExist();
			report.jsonPath("$.days['" + year + "-03-07']." + "firstContactResolutionRate").doesNotExist();
			kpi(report, day5 + "firstContactResolutionRate", 1, 1, "ratio");
			kpi(report, day5 + "contactsPerOrder", 1, 2, "count");
			kpi(report, day5 + "wismoRate", 1, 2, "ratio");
			kpi(report, day6 + "firstContactResolutionRate", 1, 2, "ratio");
			kpi(report, day6 + "contactsPerOrder", 2, 2, "count");
			kpi(report, day6 + "wismoRate", 1, 2, "ratio");
			// WEB: C1, C2; O1, O3. MARKETPLACE: C3; O2, O4
			report.jsonPath("$.groups.MOBILE_APP.firstContactResolutionRate").doesNotExist();
			kpi(report, "$.groups.WEB.firstContactResolutionRate", 1, 2, "ratio");
			kpi(report, "$.groups.WEB.contactsPerOrder", 2, 2, "count");
			kpi(report, "$.groups.WEB.wismoRate", 2, 2, "ratio");
			kpi(report, "$.groups.MARKETPLACE.firstContactResolutionRate", 1, 1, "ratio");
			kpi(report, "$.groups.MARKETPLACE.contactsPerOrder", 1, 2, "count");
			kpi(report, "$.groups.MARKETPLACE.wismoRate", 0, 2, "ratio");
		});

		// the facts the duplicates and the early contact left are those of events once and in order
		assertThat(facts.findById(SupportFacts.CONTACTS, history.id("c3"), ContactFact.class).block(TIMEOUT))
			.isEqualTo(new ContactFact(history.id("c3"), history.id("o4"), history.at("03-06T13:00:00Z"), "RETURN", true));
		assertThat(facts.findById(SupportFacts.ORDERS, history.id("o3"), PlacedOrder.class).block(TIMEOUT))
			.isEqualTo(new PlacedOrder(history.id("o3"), history.at("03-06T10:00:00Z"), "WEB"));
	}

	private static void kpi(WebTestClient.BodyContentSpec report, String path, long numerator, long denominator,
			String unit) {
		report.jsonPath(path + ".numerator").isEqualTo((int) numerator)
			.jsonPath(path + ".denominator").isEqualTo((int) denominator)
			.jsonPath(path + ".unit").isEqualTo(unit)
			.jsonPath(path + ".value").isEqualTo((double) numerator / denominator);
	}

	private ObjectNode placed(String order, String channel, String at) {
		var event = history.sample(OrderPlaced.class);
		event.put("orderId", history.id(order));
		event.put("salesChannel", channel);
		event.put("occurredAt", history.instant(at));
		event.put("placedAt", history.instant(at));
		return event;
	}

	private ObjectNode contact(String contact, String order, String at, String reason, boolean resolved) {
		var event = history.sample(SupportContactLogged.class);
		event.put("contactId", history.id(contact));
		event.put("orderId", history.id(order));
		event.put("occurredAt", history.instant(at));
		event.put("reason", reason);
		event.put("resolvedOnFirstContact", resolved);
		return event;
	}

	private void publish(ObjectNode event) {
		var type = event.has("contactId") ? SupportContactLogged.TYPE : OrderPlaced.TYPE;
		history.publish(Topics.ORDER_EVENTS, type, event);
	}

}
