package dev.postpurchase.metrics.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.feedback.SurveyAnswered;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.metrics.CxMetricsServiceIntegrationTest;
import dev.postpurchase.metrics.ScriptedHistory;
import dev.postpurchase.metrics.kpi.FactStore;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Customers answering the delivery email's survey (also before this service knows the order), what
 * is published, the voice-of-the-customer KPIs computed from the published answers, and erasure.
 */
@CxMetricsServiceIntegrationTest
class SurveyIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	WebTestClient web;

	@Autowired
	CustomerLinks links;

	@Autowired
	MutableClock clock;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	ParkedAnswerSweep sweep;

	@Autowired
	FactStore store;

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	private final Instant started = Instant.now();

	@AfterEach
	void realTimeAgain() {
		clock.set(started);
	}

	@Test
	void anAnswerIsStoredAndPublishedOncePerOrderAndType() {
		var orderId = placed("WEB");
		var token = links.issue(orderId, LinkPurpose.SURVEY);

		answer(orderId, token, "NPS", 9, "Quick and friendly").expectStatus().isCreated()
			.expectBody().jsonPath("$.type").isEqualTo("NPS").jsonPath("$.score").isEqualTo(9);

		var published = topics.read(Topics.FEEDBACK_EVENTS, record -> orderId.equals(record.key()), 1, TIMEOUT);
		assertThat(KafkaTopics.header(published.get(0), "ce_type")).isEqualTo(SurveyAnswered.TYPE);
		var event = JSON.readTree(published.get(0).value());
		assertThat(event.get("orderId").asString()).isEqualTo(orderId);
		assertThat(event.get("customerId").asString()).isEqualTo(customerOf(orderId));
		assertThat(event.get("surveyType").asString()).isEqualTo("NPS");
		assertThat(event.get("score").asInt()).isEqualTo(9);
		assertThat(event.get("comment").asString()).isEqualTo("Quick and friendly");
		assertThat(event.get("salesChannel").asString()).isEqualTo("WEB");

		answer(orderId, token, "NPS", 3, null).expectStatus().isEqualTo(HttpStatus.CONFLICT)
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		answer(orderId, token, "CSAT", 4, null).expectStatus().isCreated();

		var stored = mongo.findById(orderId + ":NPS", Document.class, Surveys.COLLECTION).block();
		assertThat(stored.getInteger("score")).isEqualTo(9);
		// both answers published, the refused one not
		topics.read(Topics.FEEDBACK_EVENTS, record -> orderId.equals(record.key()), 2, TIMEOUT);
		var all = topics.readAll(Topics.FEEDBACK_EVENTS, TIMEOUT)
			.stream()
			.filter(record -> orderId.equals(record.key()))
			.map(record -> JSON.readTree(record.value()).get("surveyType").asString())
			.toList();
		assertThat(all).containsExactlyInAnyOrder("NPS", "CSAT");
	}

	@Test
	void badInputIsRefusedNamingTheField() {
		var orderId = placed("WEB");
		var token = links.issue(orderId, LinkPurpose.SURVEY);

		expectProblem(answer(orderId, token, "NPS", 11, null), HttpStatus.BAD_REQUEST, "score");
		expectProblem(answer(orderId, token, "CSAT", 0, null), HttpStatus.BAD_REQUEST, "score");
		expectProblem(answer(orderId, token, "CES", 8, null), HttpStatus.BAD_REQUEST, "score");
		expectProblem(answer(orderId, token, "NPS", null, null), HttpStatus.BAD_REQUEST, "score");
		expectProblem(answer(orderId, token, "STARS", 3, null), HttpStatus.BAD_REQUEST, "type");
		expectProblem(answer(orderId, token, "NPS", 8, "x".repeat(1001)), HttpStatus.BAD_REQUEST, "comment");
		expectProblem(answer(null, token, "NPS", 8, null), HttpStatus.BAD_REQUEST, "orderId");
		// nothing was stored: a good answer still goes through
		answer(orderId, token, "NPS", 8, "y".repeat(1000)).expectStatus().isCreated();
	}

	@Test
	void onlyTheOrdersSurveyLinkMayAnswer() {
		var orderId = placed("WEB");
		var otherOrder = placed("WEB");

		expectProblem(answer(orderId, links.issue(orderId, LinkPurpose.TRACKING), "NPS", 9, null),
				HttpStatus.FORBIDDEN, "link");
		expectProblem(answer(orderId, links.issue(otherOrder, LinkPurpose.SURVEY), "NPS", 9, null),
				HttpStatus.FORBIDDEN, "link");
		expectProblem(answer(orderId, "not-a-token", "NPS", 9, null), HttpStatus.UNAUTHORIZED, "link");
		expectProblem(answer(orderId, links.issue(orderId, LinkPurpose.SURVEY, Duration.ofMinutes(-1)), "NPS", 9, null),
				HttpStatus.UNAUTHORIZED, "expired");
		expectProblem(answer(orderId, null, "NPS", 9, null), HttpStatus.UNAUTHORIZED, "token");
		assertThat(mongo.findById(orderId + ":NPS", Document.class, Surveys.COLLECTION).blockOptional()).isEmpty();
	}

	/**
	 * The survey link can come before this service saw the order's OrderPlaced: the answer is accepted
	 * and parked, and published (once, however often OrderPlaced arrives) and counted when the order is
	 * known, on the day the customer answered.
	 */
	@Test
	void anAnswerForAnOrderNotKnownYetIsPublishedAndCountedOnceTheOrderArrives() {
		var history = new ScriptedHistory();
		var orderId = history.id("ord");
		var customerId = history.id("cus");
		clock.set(history.at("03-10T09:00:00Z"));
		var token = links.issue(orderId, LinkPurpose.SURVEY);

		answer(orderId, token, "NPS", 10, "Fine").expectStatus().isAccepted()
			.expectBody().jsonPath("$.pending").isEqualTo(true)
			.jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("once the order is known"));
		answer(orderId, token, "CSAT", 2, null).expectStatus().isAccepted();
		// one answer per order and type, parked or not
		expectProblem(answer(orderId, token, "NPS", 3, null), HttpStatus.CONFLICT, "already");

		var parked = mongo.findById(orderId + ":NPS", Document.class, Surveys.COLLECTION).block();
		assertThat(parked.getInteger("score")).isEqualTo(10);
		assertThat(parked.get("parkedAt")).isNotNull();
		assertThat(parked.containsKey("customerId")).isFalse();
		assertThat(parked.getList("outbox", Document.class)).isEmpty();
		assertThat(feedbackOf(orderId)).isEmpty();

		// OrderPlaced arrives, and is delivered again
		clock.set(history.at("03-12T15:00:00Z"));
		var placed = history.sample(OrderPlaced.class);
		placed.put("orderId", orderId);
		placed.put("salesChannel", "SOCIAL");
		((ObjectNode) placed.get("customer")).put("customerId", customerId);
		history.publish(Topics.ORDER_EVENTS, OrderPlaced.TYPE, placed);
		history.publish(Topics.ORDER_EVENTS, OrderPlaced.TYPE, placed);

		var published = topics.read(Topics.FEEDBACK_EVENTS, record -> orderId.equals(record.key()), 2, TIMEOUT);
		for (var record : published) {
			var event = JSON.readTree(record.value());
			assertThat(event.get("customerId").asString()).isEqualTo(customerId);
			assertThat(event.get("salesChannel").asString()).isEqualTo("SOCIAL");
			// the time the customer answered, not the time the order arrived
			assertThat(event.get("occurredAt").asString()).isEqualTo(history.instant("03-10T09:00:00Z"));
		}

		var day = history.year() + "-03-10";
		await().atMost(TIMEOUT).untilAsserted(() -> {
			var report = kpis("from=" + day + "&to=" + day + "&groupBy=channel");
			assertKpi(report.get("total").get("nps"), 100.0, 1);
			assertRate(report.get("total").get("csat"), 0, 1);
			assertKpi(report.get("groups").get("SOCIAL").get("nps"), 100.0, 1);
		});
		// each answer published once
		assertThat(feedbackOf(orderId)).extracting(event -> event.get("surveyType").asString())
			.containsExactlyInAnyOrder("NPS", "CSAT");
		var completed = mongo.findById(orderId + ":NPS", Document.class, Surveys.COLLECTION).block();
		assertThat(completed.getString("customerId")).isEqualTo(customerId);
		assertThat(completed.containsKey("parkedAt")).isFalse();
		expectProblem(answer(orderId, links.issue(orderId, LinkPurpose.SURVEY), "NPS", 3, null), HttpStatus.CONFLICT,
				"already");
	}

	/** An answer whose order never comes is not kept forever, nor counted. */
	@Test
	void anAnswerWhoseOrderNeverComesIsDeletedAfterItsTime() {
		var history = new ScriptedHistory();
		var orderId = history.id("never");
		clock.set(history.at("01-05T08:00:00Z"));
		answer(orderId, links.issue(orderId, LinkPurpose.SURVEY), "CES", 2, "Where is it?").expectStatus()
			.isAccepted();

		// 29 days later (the limit is 30): still waiting
		clock.set(history.at("02-03T08:00:00Z"));
		sweep.sweepOnce().block(TIMEOUT);
		assertThat(mongo.findById(orderId + ":CES", Document.class, Surveys.COLLECTION).blockOptional()).isPresent();

		clock.set(history.at("02-05T08:00:00Z"));
		sweep.sweepOnce().block(TIMEOUT);
		assertThat(mongo.findById(orderId + ":CES", Document.class, Surveys.COLLECTION).blockOptional()).isEmpty();
		assertThat(feedbackOf(orderId)).isEmpty();
	}

	/**
	 * The KPIs are kept from SurveyAnswered on feedback.events, whoever published it (here: answers
	 * that never went through this service's POST), so a rebuild from the topics gives the same numbers.
	 * The same answer twice counts once, on its first time.
	 */
	@Test
	void theVoiceOfTheCustomerKpisComeFromTheAnswersOnTheTopic() {
		var history = new ScriptedHistory();
		var first = answered(history, "o1", "NPS", 10, "WEB", "05-02T10:00:00Z");
		answered(history, "o2", "NPS", 3, "MARKETPLACE", "05-02T11:00:00Z");
		answered(history, "o2", "CSAT", 4, "MARKETPLACE", "05-02T11:00:00Z");
		// the next day: out of the range
		answered(history, "o3", "NPS", 0, "WEB", "05-03T10:00:00Z");
		// the first answer again: delivered twice, and published again under a new event id, later
		history.publish(Topics.FEEDBACK_EVENTS, SurveyAnswered.TYPE, first);
		var again = first.deepCopy();
		again.put("eventId", UUID.randomUUID().toString());
		again.put("occurredAt", history.instant("05-03T09:00:00Z"));
		history.publish(Topics.FEEDBACK_EVENTS, SurveyAnswered.TYPE, again);
		// after those on the same partition (same order): once it counts, they have been applied
		answered(history, "o1", "CES", 3, "WEB", "05-02T12:00:00Z");

		var day = history.year() + "-05-02";
		await().atMost(TIMEOUT).untilAsserted(() -> {
			var report = kpis("from=" + day + "&to=" + day + "&groupBy=channel");
			assertKpi(report.get("total").get("ces"), 3.0, 1);
			// NPS 10 and 3: (1 − 1) / 2 × 100
			assertKpi(report.get("total").get("nps"), 0.0, 2);
			assertRate(report.get("total").get("csat"), 1, 1);
			assertKpi(report.get("groups").get("WEB").get("nps"), 100.0, 1);
			assertKpi(report.get("groups").get("MARKETPLACE").get("nps"), -100.0, 1);
		});
		// the facts keep no customer and no comment
		var fact = store.findById(SurveyFacts.COLLECTION, history.id("o1") + ":NPS", Document.class).block();
		assertThat(fact.toJson()).doesNotContain(first.get("customerId").asString())
			.doesNotContain(first.get("comment").asString());
	}

	/** Erasure: the customer's orders and answers no longer name them, nor keep their words. */
	@Test
	void anErasedCustomerIsForgottenInTheOrdersAndAnswers() {
		var orderId = placed("WEB");
		var customerId = customerOf(orderId);
		var otherOrder = placed("WEB");
		answer(orderId, links.issue(orderId, LinkPurpose.SURVEY), "NPS", 9, "Ring Sanne on 0612345678")
			.expectStatus().isCreated();
		answer(otherOrder, links.issue(otherOrder, LinkPurpose.SURVEY), "NPS", 7, "Fine").expectStatus().isCreated();
		// published: the outbox no longer holds the event either
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
				mongo.findById(orderId + ":NPS", Document.class, Surveys.COLLECTION).block().getList("outbox", Document.class))
			.isEmpty());

		var erasure = new ScriptedHistory().sample(CustomerErasureRequested.class);
		erasure.put("customerId", customerId);
		var headers = Map.of("ce_type", CustomerErasureRequested.TYPE, "ce_id", erasure.get("eventId").asString(),
				"ce_specversion", "1.0");
		topics.send(Topics.CUSTOMER_ERASURE, customerId, erasure.toString(), headers);
		// delivered again: changes nothing
		topics.send(Topics.CUSTOMER_ERASURE, customerId, erasure.toString(), headers);

		await().atMost(TIMEOUT).untilAsserted(() -> {
			var answer = mongo.findById(orderId + ":NPS", Document.class, Surveys.COLLECTION).block();
			assertThat(answer.toJson()).doesNotContain(customerId).doesNotContain("0612345678");
			assertThat(answer.getInteger("score")).isEqualTo(9);
			var facts = store.findById(OrderFacts.COLLECTION, orderId, Document.class).block();
			assertThat(facts.toJson()).doesNotContain(customerId);
			assertThat(facts.getString("salesChannel")).isEqualTo("WEB");
		});
		// another customer's are untouched
		var other = mongo.findById(otherOrder + ":NPS", Document.class, Surveys.COLLECTION).block();
		assertThat(other.getString("customerId")).isEqualTo(customerOf(otherOrder)).isNotNull();
		assertThat(other.getString("comment")).isEqualTo("Fine");
	}

	@Test
	void theOrderFactsHoldNoPersonalData() {
		var orderId = placed("SOCIAL");
		var facts = store.findById(OrderFacts.COLLECTION, orderId, Document.class).block();
		assertThat(facts.getString("salesChannel")).isEqualTo("SOCIAL");
		// other projections may share the document: look for the sample's personal data itself
		var sample = JSON.readTree(GoldenSamples.json(OrderPlaced.class));
		var text = facts.toJson();
		for (var personal : List.of(sample.get("customer").get("email").asString(),
				sample.get("customer").get("name").asString(), sample.get("shippingAddress").get("line1").asString())) {
			assertThat(text).doesNotContain(personal);
		}
	}

	/**
	 * Answers on two far-future days (store zone Europe/Amsterdam, UTC+2 in July), one just before and
	 * one just after the range; the KPIs as computed by hand.
	 */
	@Test
	void theVoiceOfTheCustomerKpisCountTheAnswersOfTheRange() {
		var early = placed("WEB");
		var web1 = placed("WEB");
		var web2 = placed("WEB");
		var app = placed("MOBILE_APP");
		var marketplace = placed("MARKETPLACE");
		var web3 = placed("WEB");
		var late = placed("WEB");

		// 2031-07-13, 23:59 in Amsterdam: before the range
		clock.set(Instant.parse("2031-07-13T21:59:00Z"));
		answerAll(early, Map.of("NPS", 0, "CSAT", 1, "CES", 7));
		// 2031-07-14, 10:00 in Amsterdam
		clock.set(Instant.parse("2031-07-14T08:00:00Z"));
		answerAll(web1, Map.of("NPS", 10, "CSAT", 5, "CES", 2));
		answerAll(web2, Map.of("NPS", 8, "CSAT", 3));
		answerAll(app, Map.of("NPS", 6, "CES", 5));
		// 2031-07-15, 00:30 in Amsterdam, though still the 14th in UTC
		clock.set(Instant.parse("2031-07-14T22:30:00Z"));
		answerAll(marketplace, Map.of("NPS", 7, "CSAT", 4, "CES", 4));
		answerAll(web3, Map.of("NPS", 10, "CSAT", 2));
		// 2031-07-16, 00:30 in Amsterdam: after the range, though still the 15th in UTC
		clock.set(Instant.parse("2031-07-15T22:30:00Z"));
		answerAll(late, Map.of("NPS", 0, "CSAT", 1, "CES", 7));

		// the KPIs follow once the answers are published and kept: the last one counted means all were
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
				store.findById(SurveyFacts.COLLECTION, late + ":CES", Document.class).blockOptional()).isPresent());
		await().atMost(TIMEOUT).untilAsserted(() -> assertKpi(
				kpis("from=2031-07-14&to=2031-07-15").get("total").get("nps"), 20.0, 5));
		var report = kpis("from=2031-07-14&to=2031-07-15&groupBy=channel");

		// NPS 10, 8, 6, 7, 10: 2 promoters (9–10), 1 detractor (0–6) of 5 → (2 − 1) / 5 × 100 = 20
		assertKpi(report.get("total").get("nps"), 20.0, 5);
		// CSAT 5, 3, 4, 2: 2 satisfied (4–5) of 4
		assertRate(report.get("total").get("csat"), 2, 4);
		// CES 2, 5, 4: mean 11 / 3
		assertKpi(report.get("total").get("ces"), 11.0 / 3, 3);

		assertThat(report.get("days").propertyNames()).containsExactly("2031-07-14", "2031-07-15");
		var first = report.get("days").get("2031-07-14");
		// NPS 10, 8, 6: (1 − 1) / 3 × 100
		assertKpi(first.get("nps"), 0.0, 3);
		assertRate(first.get("csat"), 1, 2);
		assertKpi(first.get("ces"), 3.5, 2);
		var second = report.get("days").get("2031-07-15");
		// NPS 7, 10: (1 − 0) / 2 × 100
		assertKpi(second.get("nps"), 50.0, 2);
		assertRate(second.get("csat"), 1, 2);
		assertKpi(second.get("ces"), 4.0, 1);

		// the web orders: NPS 10, 8, 10 → (2 − 0) / 3 × 100; CSAT 5, 3, 2; CES 2
		var webOrders = report.get("groups").get("WEB");
		assertKpi(webOrders.get("nps"), 200.0 / 3, 3);
		assertRate(webOrders.get("csat"), 1, 3);
		assertKpi(webOrders.get("ces"), 2.0, 1);
		assertKpi(report.get("groups").get("MOBILE_APP").get("nps"), -100.0, 1);
		// no CSAT answer from the app: counted, without a value
		assertThat(report.get("groups").get("MOBILE_APP").get("csat").get("denominator").asLong()).isZero();
		assertThat(report.get("groups").get("MOBILE_APP").get("csat").has("value")).isFalse();
	}

	@Test
	void theKpisNeedMetricsRead() {
		web.get()
			.uri("/api/v1/kpis?from=2031-07-14&to=2031-07-15")
			.headers(headers -> headers.setBearerAuth(TestTokens.of("support")))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	private JsonNode kpis(String query) {
		var body = web.get()
			.uri("/api/v1/kpis?" + query)
			.headers(headers -> headers.setBearerAuth(TestTokens.of("metrics:read")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body);
	}

	private static void assertKpi(JsonNode kpi, double value, long count) {
		assertThat(kpi.get("value").asDouble()).isCloseTo(value, within(1e-9));
		assertThat(kpi.get("count").asLong()).isEqualTo(count);
		assertThat(kpi.get("unit").asString()).isEqualTo("score");
	}

	private static void assertRate(JsonNode kpi, long numerator, long denominator) {
		assertThat(kpi.get("value").asDouble()).isCloseTo((double) numerator / denominator, within(1e-9));
		assertThat(kpi.get("numerator").asLong()).isEqualTo(numerator);
		assertThat(kpi.get("denominator").asLong()).isEqualTo(denominator);
		assertThat(kpi.get("unit").asString()).isEqualTo("ratio");
	}

	private void answerAll(String orderId, Map<String, Integer> scores) {
		var token = links.issue(orderId, LinkPurpose.SURVEY);
		scores.forEach((type, score) -> answer(orderId, token, type, score, null).expectStatus().isCreated());
	}

	private WebTestClient.ResponseSpec answer(String orderId, String token, String type, Integer score, String comment) {
		var body = new HashMap<String, Object>();
		body.put("orderId", orderId);
		body.put("token", token);
		body.put("type", type);
		body.put("score", score);
		body.put("comment", comment);
		body.values().removeIf(value -> value == null);
		return web.post().uri("/api/v1/surveys").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

	private static void expectProblem(WebTestClient.ResponseSpec response, HttpStatus status, String mentioning) {
		response.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value(String.class, detail -> assertThat(detail).containsIgnoringCase(mentioning));
	}

	/** Publishes a SurveyAnswered of the history as another producer would; returns it. */
	private static ObjectNode answered(ScriptedHistory history, String order, String type, int score, String channel,
			String at) {
		var event = history.sample(SurveyAnswered.class);
		event.put("orderId", history.id(order));
		event.put("customerId", history.id("cus"));
		event.put("surveyType", type);
		event.put("score", score);
		event.put("salesChannel", channel);
		event.put("occurredAt", history.instant(at));
		history.publish(Topics.FEEDBACK_EVENTS, SurveyAnswered.TYPE, event);
		return event;
	}

	/** The SurveyAnswered events of an order on feedback.events, as of now. */
	private List<JsonNode> feedbackOf(String orderId) {
		return topics.readAll(Topics.FEEDBACK_EVENTS, TIMEOUT)
			.stream()
			.filter(record -> orderId.equals(record.key()))
			.map(record -> JSON.readTree(record.value()))
			.toList();
	}

	/** A new order placed on {@code order.events}, once this service knows it. */
	private String placed(String channel) {
		var unique = UUID.randomUUID().toString().substring(0, 8);
		var orderId = "ord_" + unique;
		var placed = (ObjectNode) JSON.readTree(GoldenSamples.json(OrderPlaced.class));
		var eventId = UUID.randomUUID().toString();
		placed.put("eventId", eventId);
		placed.put("orderId", orderId);
		placed.put("salesChannel", channel);
		((ObjectNode) placed.get("customer")).put("customerId", "cus_" + unique);
		topics.send(Topics.ORDER_EVENTS, orderId, placed.toString(),
				Map.of("ce_type", OrderPlaced.TYPE, "ce_id", eventId, "ce_specversion", "1.0"));
		await().atMost(TIMEOUT).until(() -> customerOf(orderId) != null);
		return orderId;
	}

	private String customerOf(String orderId) {
		var facts = store.findById(OrderFacts.COLLECTION, orderId, Document.class).block();
		return facts == null ? null : facts.getString("customerId");
	}

}
