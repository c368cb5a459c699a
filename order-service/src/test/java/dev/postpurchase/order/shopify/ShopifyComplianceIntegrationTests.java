package dev.postpurchase.order.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.kit.webhook.SeenDeliveries;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestClients;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.testkit.KafkaTopics;
import tools.jackson.databind.node.ObjectNode;

/**
 * Shopify's mandatory privacy compliance webhooks: {@code customers/redact} erases the customer's
 * personal data from every order document (through {@code customer.erasure}); the others are
 * acknowledged.
 */
@OrderServiceIntegrationTest
class ShopifyComplianceIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** The personal data of the order fixture, as it could end up in a stored order. */
	private static final String[] FIXTURE_PII = { "anna.devries@example.com", "+31612345678", "Anna de Vries",
			"Keizersgracht", "3hoog", "1015 CJ" };

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	void setUp(WebTestClient client) {
		this.shopify = new ShopifyDeliveries(client);
		this.events = new OrderEvents(TestClients.backOffice(client));
	}

	ShopifyDeliveries shopify;

	OrderEvents events;

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void customersRedactErasesTheCustomerAndTheirGuestCheckoutsFromEveryOrder() {
		var customer = ShopifyPayloads.newOrderId();
		var registeredOrder = ShopifyPayloads.newOrderId();
		var guestOrder = ShopifyPayloads.newOrderId();
		var bystanderOrder = ShopifyPayloads.newOrderId();
		place(ShopifyPayloads.order(registeredOrder, customer));
		place(ShopifyPayloads.guestOrder(guestOrder));
		place(ShopifyPayloads.order(bystanderOrder, ShopifyPayloads.newOrderId()));

		shopify.send("customers/redact",
				ShopifyPayloads.customersRedact(customer, registeredOrder, guestOrder, ShopifyPayloads.newOrderId()))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("erasure_requested");

		for (var customerId : new String[] { "shopify-" + customer, "shopify-guest-" + guestOrder }) {
			var record = topics.read(Topics.CUSTOMER_ERASURE, r -> customerId.equals(r.key()), 1, TIMEOUT).get(0);
			var requested = EventJson.mapper().readValue(record.value(), CustomerErasureRequested.class);
			assertThat(KafkaTopics.header(record, "ce_type")).isEqualTo(CustomerErasureRequested.TYPE);
			assertThat(KafkaTopics.header(record, "ce_id")).isEqualTo(requested.eventId().toString());
			assertThat(KafkaTopics.header(record, "ce_source")).isEqualTo("order-service");
			assertThat(KafkaTopics.header(record, "ce_specversion")).isEqualTo("1.0");
			assertThat(requested.customerId()).isEqualTo(customerId);
			assertThat(requested.requestedBy()).isEqualTo("shopify");
		}
		for (var shopifyId : new long[] { registeredOrder, guestOrder }) {
			await().atMost(TIMEOUT).untilAsserted(() -> {
				var order = storedOrder(shopifyId);
				assertThat(order.get("erasedAt")).isNotNull();
				assertThat(order.toJson()).doesNotContain(FIXTURE_PII);
				assertThat(order.get("customer", Document.class)).doesNotContainKeys("email", "phone", "name");
				assertThat(order.get("shippingAddress", Document.class)).containsOnlyKeys("country")
					.containsEntry("country", "NL");
				assertThat(order.getList("lines", Document.class)).hasSize(2);
			});
		}
		var bystander = storedOrder(bystanderOrder);
		assertThat(bystander.get("erasedAt")).isNull();
		assertThat(bystander.get("customer", Document.class).getString("email")).isEqualTo("anna.devries@example.com");
	}

	@Test
	void aRedeliveredRedactionRequestsTheErasureOnce() {
		var customer = ShopifyPayloads.newOrderId();
		var webhookId = ShopifyDeliveries.newWebhookId();

		shopify.send("customers/redact", webhookId, ShopifyPayloads.customersRedact(customer))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("erasure_requested");
		shopify.send("customers/redact", webhookId, ShopifyPayloads.customersRedact(customer))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("duplicate");

		assertThat(erasureRequests("shopify-" + customer)).isEqualTo(1);
		topics.read(Topics.CUSTOMER_ERASURE, r -> ("shopify-" + customer).equals(r.key()), 1, TIMEOUT);
		assertThat(topics.readAll(Topics.CUSTOMER_ERASURE, TIMEOUT)
			.stream()
			.filter(r -> ("shopify-" + customer).equals(r.key()))
			.map(r -> KafkaTopics.header(r, "ce_id"))
			.distinct()).hasSize(1);
	}

	@Test
	void aBadlySignedRedactionIsRefusedAndChangesNothing() {
		var customer = ShopifyPayloads.newOrderId();
		var shopifyId = ShopifyPayloads.newOrderId();
		place(ShopifyPayloads.order(shopifyId, customer));
		var webhookId = ShopifyDeliveries.newWebhookId();
		var body = ShopifyPayloads.bytes(ShopifyPayloads.customersRedact(customer, shopifyId));

		shopify.send("customers/redact", webhookId, body, HmacSignatures.signBase64("not-the-secret", body))
			.expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.status").isEqualTo(401);

		assertThat(erasureRequests("shopify-" + customer)).isZero();
		assertThat(mongo.exists(Query.query(Criteria.where("_id").is("shopify:" + webhookId)),
				SeenDeliveries.COLLECTION).block(TIMEOUT)).isFalse();
		var order = storedOrder(shopifyId);
		assertThat(order.get("erasedAt")).isNull();
		assertThat(order.get("customer", Document.class).getString("email")).isEqualTo("anna.devries@example.com");
	}

	@Test
	void anOrderPayloadSentAgainAsARedactionIsRefused() {
		// the topic header is not signed: a captured orders/create delivery must not erase its customer
		var customer = ShopifyPayloads.newOrderId();
		var order = ShopifyPayloads.order(ShopifyPayloads.newOrderId(), customer);

		shopify.send("customers/redact", order)
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors").value(errors -> assertThat(errors.toString()).contains("shop_id: required",
					"orders_to_redact: required"));

		assertThat(erasureRequests("shopify-" + customer)).isZero();
	}

	@Test
	void dataRequestsAndShopRedactionsAreAcknowledgedAndChangeNothing() {
		var customer = ShopifyPayloads.newOrderId();
		var dataRequest = ShopifyPayloads.with(ShopifyPayloads.fixture("customers-data_request.json"),
				request -> ((ObjectNode) request.get("customer")).put("id", customer));

		shopify.send("customers/data_request", dataRequest)
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("acknowledged");
		shopify.send("shop/redact", ShopifyPayloads.fixture("shop-redact.json"))
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("acknowledged");

		assertThat(erasureRequests("shopify-" + customer)).isZero();
	}

	private void place(ObjectNode order) {
		shopify.send("orders/create", order).expectStatus().isOk();
		events.await(OrderId.of("shopify", String.valueOf(order.get("id").asLong())).value(), OrderPlaced.TYPE);
	}

	private Document storedOrder(long shopifyId) {
		return mongo.findById(OrderId.of("shopify", String.valueOf(shopifyId)).value(), Document.class, "orders")
			.block(TIMEOUT);
	}

	/** The erasure requests stored for a customer (each is one CustomerErasureRequested). */
	private long erasureRequests(String customerId) {
		return mongo.count(Query.query(Criteria.where("customerId").is(customerId)), "erasure_requests").block(TIMEOUT);
	}

}
