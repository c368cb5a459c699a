package dev.postpurchase.metrics.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.metrics.CxMetricsServiceIntegrationTest;
import dev.postpurchase.metrics.ScriptedHistory;
import dev.postpurchase.metrics.kpi.FactStore;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customer KPIs of {@code GET /api/v1/kpis} from a scripted history of OrderPlaced on
 * {@code order.events}, with a duplicate and orders published after later ones, and what a
 * {@code customer.erasure} request leaves of a customer. Each history lies in March of a random
 * far-future year with ids of its own, so other tests' facts do not mix in.
 */
@CxMetricsServiceIntegrationTest
class CustomerKpisIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	WebTestClient web;

	@Autowired
	FactStore store;

	@Autowired
	CustomerFactsListener listener;

	private final ScriptedHistory history = new ScriptedHistory();

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	private final int year = history.year();

	@Test
	void ordersMakeTheKpisWhateverOrderAndHowOftenTheirEventsCome() {
		// the range (10–11 March) first: alice twice (WEB, MARKETPLACE), bob in USD, dave new
		var o4 = placed("o4", "alice", "03-10T10:00:00Z", "WEB", "40.00", "EUR");
		publish(o4);
		publish(placed("o5", "alice", "03-11T10:00:00Z", "MARKETPLACE", "60.00", "EUR"));
		publish(placed("o6", "bob", "03-11T11:00:00Z", "WEB", "20.00", "USD"));
		publish(placed("o7", "dave", "03-11T12:00:00Z", "WEB", "80.00", "EUR"));
		publish(o4); // a duplicate
		// then, out of order, the period before (8–9 March): alice, bob (WEB), carol (MARKETPLACE)
		publish(placed("o1", "alice", "03-08T10:00:00Z", "WEB", "100.00", "EUR"));
		publish(placed("o2", "bob", "03-09T10:00:00Z", "WEB", "50.00", "EUR"));
		publish(placed("o3", "carol", "03-09T11:00:00Z", "MARKETPLACE", "30.00", "EUR"));

		await().atMost(TIMEOUT).untilAsserted(() -> {
			var report = report("03-10", "03-11", "channel");
			// before: alice, bob, carol; now: alice, bob, dave → carol churned; alice ordered twice
			rate(report, "$.total.retentionRate", 2, 3);
			rate(report, "$.total.churnRate", 1, 3);
			rate(report, "$.total.repeatPurchaseRate", 1, 3);
			// (40 + 60 + 80) / 3 EUR; bob's USD order is left out
			money(report, "$.total.averageOrderValue", 60.0, 3, "EUR");
			ratio(report, "$.total.purchaseFrequency", 4, 3, "count");
			ratio(report, "$.total.expectedLifespan", 3, 1, "periods");
			// 60 × 4/3 × 3
			money(report, "$.total.customerLifetimeValue", 240.0, null, "EUR");

			// the 10th against the 9th: alice against bob and carol
			var tenth = "$.days['" + year + "-03-10'].";
			rate(report, tenth + "retentionRate", 0, 2);
			rate(report, tenth + "churnRate", 2, 2);
			rate(report, tenth + "repeatPurchaseRate", 0, 1);
			money(report, tenth + "averageOrderValue", 40.0, 1, "EUR");
			ratio(report, tenth + "expectedLifespan", 2, 2, "periods");
			money(report, tenth + "customerLifetimeValue", 40.0, null, "EUR");
			// the 11th against the 10th: alice, bob, dave against alice; nobody churned
			var eleventh = "$.days['" + year + "-03-11'].";
			rate(report, eleventh + "retentionRate", 1, 1);
			rate(report, eleventh + "churnRate", 0, 1);
			ratio(report, eleventh + "purchaseFrequency", 3, 3, "count");
			money(report, eleventh + "averageOrderValue", 70.0, 2, "EUR");
			report.jsonPath(eleventh + "expectedLifespan.value").doesNotExist()
				.jsonPath(eleventh + "customerLifetimeValue.value").doesNotExist();
			// the day after the range is not reported, the 9th is only compared with
			report.jsonPath("$.days['" + year + "-03-09'].retentionRate").doesNotExist();
			report.jsonPath("$.days['" + year + "-03-12'].retentionRate").doesNotExist();

			// WEB: alice, bob before and now (and dave)
			rate(report, "$.groups.WEB.retentionRate", 2, 2);
			rate(report, "$.groups.WEB.churnRate", 0, 2);
			money(report, "$.groups.WEB.averageOrderValue", 60.0, 2, "EUR");
			ratio(report, "$.groups.WEB.purchaseFrequency", 3, 3, "count");
			// MARKETPLACE: carol before, alice now
			rate(report, "$.groups.MARKETPLACE.retentionRate", 0, 1);
			rate(report, "$.groups.MARKETPLACE.churnRate", 1, 1);
			money(report, "$.groups.MARKETPLACE.customerLifetimeValue", 60.0, null, "EUR");
		});

		// the duplicate left one order, exact amount and all, under a key that is not the customer id
		var o4Fact = orders("o4").get(0);
		assertThat(o4Fact.getString("customer")).isEqualTo(CustomerFacts.customerKey(history.id("alice")));
		assertThat(o4Fact.get("total")).isEqualTo(new Decimal128(new BigDecimal("40.00")));
		assertThat(o4Fact.toJson()).doesNotContain(history.id("alice"));
	}

	@Test
	void anErasedCustomerKeepsCountingUnderAnAliasThatNothingLinksToTheCustomerId() {
		var erin = history.id("erin");
		var key = CustomerFacts.customerKey(erin);
		publish(placed("e1", "erin", "03-09T10:00:00Z", "WEB", "10.00", "EUR"));
		publish(placed("e2", "erin", "03-10T10:00:00Z", "WEB", "30.00", "EUR"));
		publish(placed("f1", "frank", "03-09T11:00:00Z", "WEB", "20.00", "EUR"));
		// before: erin, frank; now: erin
		await().atMost(TIMEOUT).untilAsserted(() -> erinAndFrank(report("03-10", "03-10", null)));

		erase(erin);

		await().atMost(TIMEOUT).untilAsserted(() -> {
			var tombstones = tombstone(key);
			assertThat(tombstones).hasSize(1);
			var alias = tombstones.get(0).getString("alias");
			assertThat(alias).startsWith("erased-");
			assertThat(orders("e1", "e2")).extracting(order -> order.getString("customer")).containsOnly(alias);
		});
		var alias = tombstone(key).get(0).getString("alias");
		// nothing in the facts is computed from the customer id, save the tombstone's own key
		assertThat(orders("e1", "e2", "f1")).extracting(Document::toJson)
			.noneMatch(json -> json.contains(erin) || json.contains(key));
		assertThat(store.find(Query.query(Criteria.where("customer").in(key, erin)), Document.class,
				CustomerFacts.ORDERS).collectList().block(TIMEOUT)).isEmpty();
		assertThat(tombstone(key).get(0).toJson()).doesNotContain(erin);
		// erin still counts as one customer: the KPIs did not change
		erinAndFrank(report("03-10", "03-10", null));

		// erasing again changes nothing
		listener.apply(new CustomerErasureRequested(UUID.randomUUID(), null, history.at("03-20T00:00:00Z"), erin,
				"adm_1"))
			.block(TIMEOUT);
		assertThat(tombstone(key)).extracting(tombstone -> tombstone.getString("alias")).containsExactly(alias);

		// an order of erin's that comes after the erasure is kept under the alias
		publish(placed("e3", "erin", "03-10T12:00:00Z", "WEB", "50.00", "EUR"));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(orders("e3")).extracting(order -> order.getString("customer"))
				.containsExactly(alias));
		await().atMost(TIMEOUT).untilAsserted(() -> {
			var report = report("03-10", "03-10", null);
			rate(report, "$.total.retentionRate", 1, 2);
			// e2 and e3 under the alias: one customer with two orders
			rate(report, "$.total.repeatPurchaseRate", 1, 1);
			ratio(report, "$.total.purchaseFrequency", 2, 1, "count");
			money(report, "$.total.averageOrderValue", 40.0, 2, "EUR");
		});
	}

	@Test
	void anErasureBeforeTheCustomersOrdersHasThemKeptUnderTheAlias() {
		var gina = history.id("gina");
		erase(gina);
		await().atMost(TIMEOUT).until(() -> tombstone(CustomerFacts.customerKey(gina)).size() == 1);

		publish(placed("g1", "gina", "03-10T10:00:00Z", "WEB", "10.00", "EUR"));

		var alias = tombstone(CustomerFacts.customerKey(gina)).get(0).getString("alias");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(orders("g1")).extracting(order -> order.getString("customer"))
				.containsExactly(alias));
	}

	@Test
	void anOrderWithoutACustomerGoesToTheDeadLetterTopic() {
		var order = placed("x1", "xavier", "03-10T10:00:00Z", "WEB", "10.00", "EUR");
		order.remove("customer");
		publish(order);

		// other sections may send it there too: this one is the customer section's
		var dead = topics.read(Topics.ORDER_EVENTS + ".DLT", record -> history.id("x1").equals(record.key())
				&& "cx-metrics-service.customers".equals(KafkaTopics.header(record, "kafka_dlt-original-consumer-group")),
				1, TIMEOUT);
		assertThat(dead).hasSize(1);
		assertThat(orders("x1")).isEmpty();
	}

	/** Erin (10 EUR before, 30 EUR now) and frank (20 EUR before) on the 10th against the 9th. */
	private static void erinAndFrank(WebTestClient.BodyContentSpec report) {
		rate(report, "$.total.retentionRate", 1, 2);
		rate(report, "$.total.churnRate", 1, 2);
		rate(report, "$.total.repeatPurchaseRate", 0, 1);
		money(report, "$.total.averageOrderValue", 30.0, 1, "EUR");
		ratio(report, "$.total.purchaseFrequency", 1, 1, "count");
		ratio(report, "$.total.expectedLifespan", 2, 1, "periods");
		money(report, "$.total.customerLifetimeValue", 60.0, null, "EUR");
	}

	private WebTestClient.BodyContentSpec report(String from, String to, String groupBy) {
		return web.get()
			.uri(uri -> uri.path("/api/v1/kpis")
				.queryParam("from", year + "-" + from)
				.queryParam("to", year + "-" + to)
				.queryParamIfPresent("groupBy", Optional.ofNullable(groupBy))
				.build())
			.headers(headers -> headers.setBearerAuth(TestTokens.of("metrics:read")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	private static void rate(WebTestClient.BodyContentSpec report, String path, long numerator, long denominator) {
		ratio(report, path, numerator, denominator, "ratio");
	}

	private static void ratio(WebTestClient.BodyContentSpec report, String path, long numerator, long denominator,
			String unit) {
		report.jsonPath(path + ".numerator").isEqualTo((int) numerator)
			.jsonPath(path + ".denominator").isEqualTo((int) denominator)
			.jsonPath(path + ".unit").isEqualTo(unit)
			.jsonPath(path + ".value").isEqualTo((double) numerator / denominator);
	}

	private static void money(WebTestClient.BodyContentSpec report, String path, double value, Integer count,
			String currency) {
		report.jsonPath(path + ".value").isEqualTo(value).jsonPath(path + ".unit").isEqualTo(currency);
		if (count == null) {
			report.jsonPath(path + ".count").doesNotExist();
		}
		else {
			report.jsonPath(path + ".count").isEqualTo(count);
		}
	}

	private List<Document> orders(String... orders) {
		var ids = Arrays.stream(orders).map(history::id).toList();
		return store.find(Query.query(Criteria.where("_id").in(ids)), Document.class, CustomerFacts.ORDERS)
			.collectList()
			.block(TIMEOUT);
	}

	private List<Document> tombstone(String key) {
		return store.find(Query.query(Criteria.where("_id").is(key)), Document.class, CustomerFacts.TOMBSTONES)
			.collectList()
			.block(TIMEOUT);
	}

	private ObjectNode placed(String order, String customer, String at, String channel, String amount,
			String currency) {
		var event = history.sample(OrderPlaced.class);
		event.put("orderId", history.id(order));
		((ObjectNode) event.get("customer")).put("customerId", history.id(customer));
		event.put("salesChannel", channel);
		event.put("occurredAt", history.instant(at));
		event.put("placedAt", history.instant(at));
		event.putObject("total").put("amount", new BigDecimal(amount)).put("currency", currency);
		return event;
	}

	private void publish(ObjectNode event) {
		history.publish(Topics.ORDER_EVENTS, OrderPlaced.TYPE, event);
	}

	private void erase(String customerId) {
		var request = history.sample(CustomerErasureRequested.class);
		request.put("customerId", customerId);
		topics.send(Topics.CUSTOMER_ERASURE, customerId, request.toString(), Map.of("ce_type",
				CustomerErasureRequested.TYPE, "ce_id", request.get("eventId").asString(), "ce_specversion", "1.0"));
	}

}
