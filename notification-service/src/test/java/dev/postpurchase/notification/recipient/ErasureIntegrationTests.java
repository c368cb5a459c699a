package dev.postpurchase.notification.recipient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.notification.Messages;
import dev.postpurchase.notification.Messages.Order;
import dev.postpurchase.notification.NotificationServiceIntegrationTest;
import dev.postpurchase.testkit.KafkaTopics;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code customer.erasure}: the contact data of the customer's orders is forgotten. */
@NotificationServiceIntegrationTest
class ErasureIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	Recipients recipients;

	private final Messages messages = new Messages();

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void anErasureRequestRemovesTheCustomersEmailPhoneAndName() {
		var order = Order.fresh();
		var other = Order.fresh();
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(order, "nl-NL", true));
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(other, "nl-NL", true));
		await().atMost(TIMEOUT).until(() -> recipients.of(order.orderId()).blockOptional().isPresent()
				&& recipients.of(other.orderId()).blockOptional().isPresent());
		assertThat(recipients.of(order.orderId()).block().email()).isEqualTo(order.email());

		var request = (ObjectNode) JsonMapper.builder().build().readTree(GoldenSamples.json(CustomerErasureRequested.class));
		request.put("eventId", UUID.randomUUID().toString());
		request.put("customerId", order.customerId());
		topics.send(Topics.CUSTOMER_ERASURE, order.customerId(), request.toString(), Map.of("ce_type",
				CustomerErasureRequested.TYPE, "ce_id", request.get("eventId").asString(), "ce_specversion", "1.0"));

		await().atMost(TIMEOUT).untilAsserted(() -> {
			var erased = recipients.of(order.orderId()).block();
			assertThat(erased.erasedAt()).isNotNull();
			assertThat(erased.email()).isNull();
			assertThat(erased.phone()).isNull();
			assertThat(erased.name()).isNull();
			assertThat(erased.customerId()).isEqualTo(order.customerId());
		});
		var untouched = recipients.of(other.orderId()).block();
		assertThat(untouched.email()).isEqualTo(other.email());
		assertThat(untouched.erasedAt()).isNull();
	}

}
