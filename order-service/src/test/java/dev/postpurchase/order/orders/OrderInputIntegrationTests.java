package dev.postpurchase.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestClients;
import dev.postpurchase.order.TestOrders;
import tools.jackson.databind.node.ObjectNode;

/** Bad input gets a 4xx problem that names the problem, and nothing is stored. */
@OrderServiceIntegrationTest
class OrderInputIntegrationTests {

	WebTestClient web;

	@Autowired
	void client(WebTestClient client) {
		this.web = TestClients.backOffice(client);
	}

	@Autowired
	ReactiveMongoTemplate mongo;

	@Test
	void malformedJson() {
		post("{\"source\": \"web-shop\", \"externalOrderId\": ")
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("Malformed JSON"));
	}

	@Test
	void missingFieldsAreAllNamed() {
		post("{\"source\": \"web-shop\"}")
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors").value(errors -> assertThat(errors.toString()).contains("externalOrderId: required",
					"salesChannel: required", "customer: required", "lines: at least one line is required"));
	}

	@Test
	void unknownEnumValueNamesTheFieldAndTheAcceptedValues() {
		var order = orderJson();
		order.put("salesChannel", "TELEPATHY");
		post(order.toString())
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("salesChannel")
				.contains("WEB, MOBILE_APP, MARKETPLACE, POS, SOCIAL, OTHER")
				.doesNotContain("TELEPATHY"));
	}

	@Test
	void wrongTypesNameTheField() {
		var order = orderJson();
		((ObjectNode) order.get("lines").get(0)).put("quantity", "two");
		post(order.toString())
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("lines[0].quantity"));
		var zoned = orderJson();
		((ObjectNode) zoned.get("customer")).put("timeZone", "Mars/Olympus_Mons");
		post(zoned.toString()).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("customer.timeZone"));
	}

	@Test
	void negativeQuantitiesAndBadContactDataAreRejectedWithoutEchoingPersonalData() {
		var order = orderJson();
		((ObjectNode) order.get("lines").get(0)).put("quantity", -1);
		((ObjectNode) order.get("customer")).put("email", "not-an-email");
		((ObjectNode) order.get("customer")).put("phone", "0612345678");
		var external = order.get("externalOrderId").asString();
		post(order.toString())
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.errors").value(errors -> assertThat(errors.toString())
				.contains("lines[0].quantity: must be at least 1", "customer.email: not an email address",
						"customer.phone: not an E.164 number")
				.doesNotContain("not-an-email", "0612345678"));
		assertThat(mongo.count(Query.query(Criteria.where("externalOrderId").is(external)), Order.class).block())
			.isZero();
	}

	@Test
	void twoMegabyteBodyIsTooLarge() {
		var order = orderJson();
		order.put("padding", "x".repeat(2 * 1024 * 1024));
		post(order.toString())
			.expectStatus().isEqualTo(413)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("too large"));
	}

	@Test
	void wrongContentTypeIs415() {
		web.post().uri("/api/v1/orders").contentType(MediaType.TEXT_PLAIN).bodyValue("hello").exchange()
			.expectStatus().isEqualTo(415)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void fulfillmentLinesWithoutSkuOrQuantityAreRejectedAndNothingShips() {
		var order = orderJson();
		order.put("externalOrderId", "bad-fulfillment-lines");
		String id = EventJson.mapper()
			.readTree(post(order.toString()).expectStatus().isCreated().expectBody(String.class).returnResult()
				.getResponseBody())
			.get("id").asString();
		for (var lines : new String[] { "[null]", "[{\"sku\":\"SKU-TSHIRT-M\",\"quantity\":0}]", "[{\"quantity\":1}]" }) {
			web.post().uri("/api/v1/orders/{id}/fulfillments", id).contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"carrier\":\"DHL Express\",\"trackingNumber\":\"1Z999\",\"lines\":" + lines + "}")
				.exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("lines[0]"));
		}
		var stored = mongo.findById(id, Order.class).block(Duration.ofSeconds(10));
		assertThat(stored.fulfillments()).isEmpty();
	}

	private ObjectNode orderJson() {
		return (ObjectNode) EventJson.mapper().valueToTree(TestOrders.order());
	}

	private WebTestClient.ResponseSpec post(String body) {
		return web.mutate().responseTimeout(Duration.ofSeconds(30)).build()
			.post().uri("/api/v1/orders").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
	}

}
