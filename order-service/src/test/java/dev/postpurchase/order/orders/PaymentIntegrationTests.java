package dev.postpurchase.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.Payment;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestClients;
import dev.postpurchase.order.TestOrders;
import dev.postpurchase.testkit.KafkaTopics;
import tools.jackson.databind.node.ObjectNode;

/** The payment a platform tells with an order is kept and travels on OrderPlaced, for refunds. */
@OrderServiceIntegrationTest
class PaymentIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Payment STRIPE = new Payment("stripe", "pi_3PqK8L2eZvKYlo2C0x7Dc1aB");

	WebTestClient web;

	@Autowired
	void client(WebTestClient client) {
		this.web = TestClients.backOffice(client);
	}

	final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void aRestOrderWithAPaymentPublishesItOnOrderPlaced() {
		var order = TestOrders.paidWith(TestOrders.order(), STRIPE);
		var id = OrderId.of(order.source(), order.externalOrderId()).value();

		web.post().uri("/api/v1/orders").bodyValue(order).exchange()
			.expectStatus().isCreated()
			.expectBody()
			.jsonPath("$.payment.provider").isEqualTo("stripe")
			.jsonPath("$.payment.reference").isEqualTo(STRIPE.reference());

		assertThat(placed(id).payment()).isEqualTo(STRIPE);
		web.get().uri("/api/v1/orders/{id}", id).exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.payment.reference").isEqualTo(STRIPE.reference());
	}

	@Test
	void aKafkaOrderWithAPaymentPublishesItAndOneWithoutPublishesNone() {
		var paid = TestOrders.paidWith(TestOrders.order(), new Payment("adyen", "PSP-8835511210681234"));
		var paidId = OrderId.of(paid.source(), paid.externalOrderId()).value();
		var unpaid = TestOrders.order();
		var unpaidId = OrderId.of(unpaid.source(), unpaid.externalOrderId()).value();

		topics.send(Topics.ORDERS_INBOUND, paidId, EventJson.mapper().writeValueAsString(paid),
				Map.of("ce_type", InboundOrder.TYPE));
		topics.send(Topics.ORDERS_INBOUND, unpaidId, EventJson.mapper().writeValueAsString(unpaid),
				Map.of("ce_type", InboundOrder.TYPE));

		assertThat(placed(paidId).payment()).isEqualTo(new Payment("adyen", "PSP-8835511210681234"));
		assertThat(placed(unpaidId).payment()).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Stripe  | pi_1                | payment.provider: must be a lower-case token
			stripe_ | pi_1                | payment.provider: must be a lower-case token
			        | pi_1                | payment.provider: required
			stripe  | '   '               | payment.reference: required
			stripe  |                     | payment.reference: required
			""")
	void aBadPaymentIsABadRequestNamingTheField(String provider, String reference, String problem) {
		var order = TestOrders.order();
		var json = (ObjectNode) EventJson.mapper().valueToTree(order);
		var payment = json.putObject("payment");
		if (provider != null) {
			payment.put("provider", provider);
		}
		if (reference != null) {
			payment.put("reference", reference);
		}
		rejected(json, problem, order);
	}

	@Test
	void aPaymentReferenceOfMoreThan255CharactersIsABadRequest() {
		var order = TestOrders.paidWith(TestOrders.order(), new Payment("stripe", "pi_" + "x".repeat(253)));
		rejected((ObjectNode) EventJson.mapper().valueToTree(order), "payment.reference: at most 255 characters",
				order);
		var longest = TestOrders.paidWith(TestOrders.order(), new Payment("stripe", "pi_" + "x".repeat(252)));
		web.post().uri("/api/v1/orders").bodyValue(longest).exchange().expectStatus().isCreated();
	}

	private void rejected(ObjectNode json, String problem, InboundOrder order) {
		web.post().uri("/api/v1/orders")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json.toString())
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors").value(errors -> assertThat(errors.toString()).contains(problem));
		web.get().uri("/api/v1/orders/{id}", OrderId.of(order.source(), order.externalOrderId()).value())
			.exchange()
			.expectStatus().isNotFound();
	}

	private OrderPlaced placed(String orderId) {
		var record = topics.read(Topics.ORDER_EVENTS,
				r -> orderId.equals(r.key()) && OrderPlaced.TYPE.equals(KafkaTopics.header(r, "ce_type")), 1, TIMEOUT)
			.get(0);
		return EventJson.mapper().readValue(record.value(), OrderPlaced.class);
	}

}
