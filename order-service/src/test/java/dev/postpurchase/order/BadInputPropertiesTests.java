package dev.postpurchase.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.testkit.BadJson;
import dev.postpurchase.testkit.BadJsonClient;
import dev.postpurchase.testkit.BadJsonClient.Answer;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint that takes a body, fed mutated and random JSON with the right credentials (so the
 * body reaches parsing and validation): the answer is a 2xx or a 4xx problem, never a 5xx; a
 * rejected order is not stored, an accepted one reads back whole through the API.
 */
@OrderServiceIntegrationTest
class BadInputPropertiesTests {

	/** Replaced in every variant by an id of its own, so each try's order is told apart. */
	static final String EXTERNAL_ID = "EXT-PLACEHOLDER-0001";

	/** The Shopify order id of the fixtures, replaced by one of its own in every variant. */
	static final long SHOPIFY_ID = 777_000_000_000_001L;

	WebTestClient web;

	/** A new one for each test: its tally of answers is the test's. */
	BadJsonClient client;

	@Autowired
	void client(WebTestClient web) {
		this.web = web;
		this.client = new BadJsonClient(web);
	}

	@Test
	void placingAnOrder() {
		var order = (ObjectNode) EventJson.mapper().valueToTree(TestOrders.order("web-shop", EXTERNAL_ID, "cus-fuzz"));
		var orders = BadJson.of(order.toString());
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /api/v1/orders", 200, random -> new Try(orders.next(random), BadJson.contentType(random)),
				attempt -> {
					var external = "EXT-" + UUID.randomUUID();
					var body = attempt.variant().text().replace(EXTERNAL_ID, external).getBytes(StandardCharsets.UTF_8);
					var answer = post("/api/v1/orders", attempt.contentType(), body, BadJsonClient.as(caller, "orders:write"));
					if (answer.ok()) {
						assertReadable(answer.json().get("id").asString());
					}
					else {
						assertThat(get("/api/v1/orders/" + OrderId.of("web-shop", external).value()).status())
							.as("a rejected order is not stored").isEqualTo(404);
					}
				});
		client.assertBodiesWereJudged();
	}

	@Test
	void changingAnOrder() {
		var caller = BadJsonClient.newCaller();
		var fulfilled = place();
		var cancelled = place();
		var requests = Map.of(
				"/api/v1/orders/" + fulfilled + "/fulfillments", BadJson.of("""
						{"externalFulfillmentId": "F-1", "carrier": "DHL Express", "trackingNumber": "JD014600003SE",
						 "lines": [{"sku": "SKU-TSHIRT-M", "quantity": 1}]}"""),
				"/api/v1/orders/" + fulfilled + "/contacts", BadJson.of("""
						{"channel": "CHAT", "reason": "WISMO", "resolvedOnFirstContact": true, "agentId": "agent-7"}"""),
				"/api/v1/orders/" + fulfilled + "/customer-links", BadJson.of("""
						{"purpose": "TRACKING", "validForDays": 30}"""),
				"/api/v1/orders/" + cancelled + "/cancel", BadJson.of("""
						{"reason": "CUSTOMER"}"""));
		var uris = List.copyOf(requests.keySet()).stream().sorted().toList();
		BadJson.forAll("POST /api/v1/orders/{id}/...", 300, random -> {
			var uri = uris.get(random.nextInt(uris.size()));
			return new Try(uri, requests.get(uri).next(random), BadJson.contentType(random));
		}, attempt -> post(attempt.uri(), attempt.contentType(), attempt.variant().body(),
				BadJsonClient.as(caller, "orders:write", "support")));
		client.assertBodiesWereJudged();
		assertReadable(fulfilled);
		assertReadable(cancelled);
	}

	@Test
	void shopifyWebhooks() {
		var fixtures = Map.of("orders/create", "orders-create.json", "orders/updated", "orders-create.json",
				"orders/cancelled", "orders-cancelled.json", "fulfillments/create", "fulfillments-create.json",
				"fulfillments/update", "fulfillments-create.json", "customers/redact", "customers-redact.json",
				"customers/data_request", "customers-data_request.json", "shop/redact", "shop-redact.json");
		var topics = fixtures.keySet().stream().sorted().toList();
		var payloads = topics.stream().collect(Collectors.toMap(topic -> topic,
				topic -> BadJson.of(shopifyFixture(fixtures.get(topic)))));
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /webhooks/shopify", 200, random -> {
			var topic = topics.get(random.nextInt(topics.size()));
			return new Try(topic, payloads.get(topic).next(random), BadJson.contentType(random));
		}, attempt -> {
			var shopifyId = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000_000L, 999_999_999_999_999L));
			var body = attempt.variant().text().replace(Long.toString(SHOPIFY_ID), shopifyId)
				.getBytes(StandardCharsets.UTF_8);
			var answer = post("/webhooks/shopify", attempt.contentType(), body, headers -> {
				headers.set("X-Forwarded-For", caller);
				headers.set("X-Shopify-Topic", attempt.uri());
				headers.set("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
				headers.set("X-Shopify-Shop-Domain", "example-store.myshopify.com");
				headers.set("X-Shopify-Triggered-At", Instant.now().toString());
				headers.set("X-Shopify-Hmac-Sha256", HmacSignatures.signBase64("test-secret", body));
			});
			var orderId = answer.ok() ? answer.json().get("orderId") : null;
			if (orderId != null && !orderId.isNull() && attempt.uri().startsWith("orders/create")) {
				assertReadable(orderId.asString());
			}
			if (!answer.ok() || "rejected".equals(answer.json().get("outcome").asString())) {
				assertThat(get("/api/v1/orders/" + OrderId.of("shopify", shopifyId).value()).status())
					.as("a rejected Shopify order is not stored").isEqualTo(404);
			}
		});
		client.assertBodiesWereJudged();
	}

	@Test
	void erasingACustomerWithAnyId() {
		var caller = BadJsonClient.newCaller();
		BadJson.forAll("POST /api/v1/admin/customers/{id}/erasure", 40, BadJson::hostileString,
				customerId -> client.sendToHostileUri(HttpMethod.POST, "/api/v1/admin/customers/{id}/erasure", new byte[0],
						BadJsonClient.as(caller, "admin"), customerId));
	}

	@Test
	void changingAnOrderOfAnyId() {
		var caller = BadJsonClient.newCaller();
		var actions = List.of("cancel", "fulfillments", "contacts", "customer-links");
		var body = """
				{"reason": "CUSTOMER", "carrier": "ups", "trackingNumber": "1Z999AA10123456784", "channel": "CHAT",
				 "resolvedOnFirstContact": true, "purpose": "TRACKING"}""".getBytes(StandardCharsets.UTF_8);
		BadJson.forAll("POST /api/v1/orders/{any id}/...", 60,
				random -> List.of(actions.get(random.nextInt(actions.size())), BadJson.hostileString(random)),
				attempt -> client.sendToHostileUri(HttpMethod.POST, "/api/v1/orders/{id}/" + attempt.get(0), body,
						BadJsonClient.as(caller, "orders:write", "support"), attempt.get(1)));
	}

	@Test
	void anErasureOfACustomerIdThatIsNoURIPathIsAccepted() {
		// regression: the Location header was built from the raw id, a 500 after the request was stored
		web.post()
			.uri("/api/v1/admin/customers/{id}/erasure", "2026-05-11 10:00:00")
			.headers(h -> h.setBearerAuth(TestTokens.of("admin")))
			.exchange()
			.expectStatus().isAccepted()
			.expectHeader().location("/api/v1/admin/customers/2026-05-11%2010%3A00%3A00/erasure");
	}

	@Test
	void anErasureOfACustomerIdThatCannotBeLoggedAsItIsIsRejected() {
		// regression: the id went into the request's log line as it was (an escape sequence, U+FFFF)
		for (var customerId : List.of("\uFFFF\uFFFE", "cus\u001B[31m")) {
			web.post()
				.uri("/api/v1/admin/customers/{id}/erasure", customerId)
				.headers(h -> h.setBearerAuth(TestTokens.of("admin")))
				.exchange()
				.expectStatus().isBadRequest()
				.expectBody().jsonPath("$.detail").isEqualTo("customerId: required, at most 128 printable characters");
		}
	}

	@Test
	void aPriceBeyondWhatCanBeStoredExactlyIsRejected() {
		// regression: 1e400 failed converting to Decimal128, 1e2147483647 overflowed the total: 500s
		for (var amount : List.of("1e400", "1e2147483647", "1e-400", "0." + "3".repeat(300))) {
			var order = (ObjectNode) EventJson.mapper().valueToTree(TestOrders.order());
			var body = order.toString().replace("19.95", amount).getBytes(StandardCharsets.UTF_8);
			var answer = post("/api/v1/orders", "application/json", body,
					BadJsonClient.as(BadJsonClient.newCaller(), "orders:write"));
			assertThat(answer.status()).as(amount).isEqualTo(400);
			assertThat(answer.json().get("errors").toString()).contains("lines[0].unitPrice.amount: below 10^15");
		}
	}

	@Test
	void aTimeBeyondWhatCanBeStoredIsRejected() {
		// regression: ISO-8601 reaches a billion years, MongoDB's dates do not: the order failed when stored, a 500
		var order = (ObjectNode) EventJson.mapper().valueToTree(TestOrders.order());
		((ObjectNode) order.get("promise")).put("by", "+999999999-12-31T23:59:59Z");
		order.put("placedAt", "-999999999-01-01T00:00:00Z");
		var answer = post("/api/v1/orders", "application/json", order.toString().getBytes(StandardCharsets.UTF_8),
				BadJsonClient.as(BadJsonClient.newCaller(), "orders:write"));
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().get("errors").toString()).contains("placedAt: must be between 1970 and 9999",
				"promise.by: must be between 1970 and 9999");
	}

	@Test
	void aRedactionListingANullOrderIsHandled() {
		// regression: a null among orders_to_redact stopped the redaction with a NullPointerException, a 500
		var body = """
				{"shop_id": 954889, "shop_domain": "example-store.myshopify.com",
				 "customer": {"id": 191167, "email": "john@example.com"}, "orders_to_redact": [299938, null]}"""
			.getBytes(StandardCharsets.UTF_8);
		var answer = post("/webhooks/shopify", "application/json", body, headers -> {
			headers.set("X-Forwarded-For", BadJsonClient.newCaller());
			headers.set("X-Shopify-Topic", "customers/redact");
			headers.set("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
			headers.set("X-Shopify-Hmac-Sha256", HmacSignatures.signBase64("test-secret", body));
		});
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("outcome").asString()).isEqualTo("erasure_requested");
	}

	private Answer post(String uri, String contentType, byte[] body, Consumer<HttpHeaders> headers) {
		return client.send(HttpMethod.POST, uri, body, contentType, headers);
	}

	private Answer get(String uri) {
		var result = web.get()
			.uri(uri)
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
			.exchange()
			.expectBody(String.class)
			.returnResult();
		return new Answer(result.getStatus().value(), String.valueOf(result.getResponseHeaders().getContentType()),
				result.getResponseBody());
	}

	/** The order reads back through the API, with what every order has. */
	private void assertReadable(String orderId) {
		var answer = get("/api/v1/orders/" + orderId);
		assertThat(answer.status()).as("stored order %s reads back", orderId).isEqualTo(200);
		var order = answer.json();
		assertThat(order.get("id").asString()).isEqualTo(orderId);
		assertThat(order.get("status").asString()).isNotBlank();
		assertThat(order.get("lines").isArray()).isTrue();
	}

	private String place() {
		var result = web.post()
			.uri("/api/v1/orders")
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:write")))
			.bodyValue(TestOrders.order())
			.exchange()
			.expectStatus().isCreated()
			.expectBody(String.class)
			.returnResult();
		return EventJson.mapper().readTree(result.getResponseBody()).get("id").asString();
	}

	private static String shopifyFixture(String name) {
		try (var in = BadInputPropertiesTests.class.getResourceAsStream("/shopify/" + name)) {
			var fixture = (ObjectNode) EventJson.mapper().readTree(in.readAllBytes());
			if (fixture.has("order_id")) {
				fixture.put("order_id", SHOPIFY_ID);
			}
			else if (fixture.has("id")) {
				fixture.put("id", SHOPIFY_ID);
			}
			return fixture.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Try(String uri, BadJson.Variant variant, String contentType) {

		Try(BadJson.Variant variant, String contentType) {
			this("", variant, contentType);
		}

		@Override
		public String toString() {
			return (uri.isEmpty() ? "" : uri + " ") + "as " + (contentType.isEmpty() ? "no content type" : contentType)
					+ ": " + variant;
		}

	}

}
