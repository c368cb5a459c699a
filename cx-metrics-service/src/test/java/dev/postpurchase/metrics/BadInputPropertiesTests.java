package dev.postpurchase.metrics;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.testkit.BadJson;
import dev.postpurchase.testkit.BadJsonClient;
import dev.postpurchase.testkit.BadJsonClient.Request;
import dev.postpurchase.testkit.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of cx-metrics-service that takes input, fed mutated and random input with the
 * right credentials (the survey link in the body, an operator's token): the answer is a 2xx or a 4xx
 * problem, never a 5xx; a rejected survey answer stores nothing, and a stored one is complete.
 */
@CxMetricsServiceIntegrationTest
class BadInputPropertiesTests {

	/** How survey types score. */
	static final Map<String, List<Integer>> SCALES = Map.of("NPS", List.of(0, 10), "CSAT", List.of(1, 5), "CES",
			List.of(1, 7));

	@Autowired
	WebTestClient web;

	@Autowired
	CustomerLinks links;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void answeringASurvey() {
		var orderId = "ord_" + UUID.randomUUID();
		// the order becomes known while the answers come in: the first are kept for it (202), the later counted (201)
		var placed = BadJson.valid(OrderPlaced.TYPE, GoldenSamples.json(OrderPlaced.class)
			.replace("ord_8K2F5QW1XR", orderId)
			.replace(GoldenSamples.load(OrderPlaced.class).eventId().toString(), UUID.randomUUID().toString()), orderId);
		KafkaTopics.ofTestInfrastructure().send(Topics.ORDER_EVENTS, orderId, placed.payload().body(), placed.headers());
		var answers = BadJson.of("""
				{"orderId": "%s", "token": "%s", "type": "NPS", "score": 9, "comment": "Quick and friendly"}"""
			.formatted(orderId, links.issue(orderId, LinkPurpose.SURVEY)));
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /api/v1/surveys", 150, Request.of(answers), request -> {
			var before = answersOf(orderId).size();
			var answer = client.send(HttpMethod.POST, "/api/v1/surveys", request,
					headers -> headers.set("X-Forwarded-For", caller));
			if (answer.ok()) {
				assertThat(answersOf(orderId)).as("stored answers are complete").allSatisfy(stored -> {
					var scale = SCALES.get(stored.getString("surveyType"));
					assertThat(scale).as("survey type %s", stored.getString("surveyType")).isNotNull();
					assertThat(stored.getInteger("score")).isBetween(scale.get(0), scale.get(1));
					assertThat(stored.get("answeredAt")).isNotNull();
				});
			}
			else {
				assertThat(answersOf(orderId)).as("a rejected answer stores nothing").hasSize(before);
			}
		});
	}

	@Test
	void startingARebuildWithAnyFlag() {
		var client = new BadJsonClient(web);
		var caller = BadJsonClient.newCaller();
		// a flag Spring reads as a boolean would really start a rebuild, under the other tests' feet
		var booleans = List.of("true", "false", "on", "off", "yes", "no", "1", "0");
		BadJson.forAll("POST /api/v1/admin/kpis/rebuild", 40,
				random -> BadJson.hostileString(random),
				flag -> {
					if (!booleans.contains(flag.trim().toLowerCase(java.util.Locale.ROOT))) {
						client.sendToHostileUri(HttpMethod.POST, "/api/v1/admin/kpis/rebuild?acceptTruncated={flag}",
								new byte[0], BadJsonClient.as(caller, "admin"), flag);
					}
				});
	}

	private List<Document> answersOf(String orderId) {
		return mongo.find(Query.query(Criteria.where("orderId").is(orderId)), Document.class, "surveys")
			.collectList()
			.block();
	}

}
