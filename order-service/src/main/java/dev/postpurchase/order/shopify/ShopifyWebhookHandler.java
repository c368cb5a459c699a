package dev.postpurchase.order.shopify;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dev.postpurchase.order.orders.FulfillmentRequest;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.order.orders.OrderManagement;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Applies one verified Shopify webhook to the order, through the order commands. Fresh deliveries
 * and parked ones being replayed go through here alike.
 *
 * <ul>
 * <li>{@code orders/create} and {@code orders/updated} carry the whole order: it is placed when
 * unknown (so an update overtaking its create is not lost, and the create then changes nothing),
 * cancelled when {@code cancelled_at} is set, confirmed when {@code financial_status} is
 * {@code paid}. Every step is idempotent and only moves forward, so a stale payload (Shopify retries
 * with the original one) undoes nothing.</li>
 * <li>{@code orders/cancelled} cancels with the mapped {@code cancel_reason}; it requires
 * {@code cancelled_at}, as the topic header is not covered by the signature.</li>
 * <li>{@code fulfillments/create|update} ship once the fulfillment has a tracking number and is not
 * cancelled or failed; the fulfillment id makes a repeated one a no-op.</li>
 * <li>The privacy compliance topics ({@code customers/redact}, {@code customers/data_request},
 * {@code shop/redact}) go to {@link ShopifyCompliance}.</li>
 * </ul>
 * A rule of the order that refuses the change (4xx from the commands) is final: it is logged with
 * the order id and the rule, counted in {@code shopify.webhooks.rejected}, and answered as handled,
 * because Shopify would only retry the same payload.
 */
@Component
class ShopifyWebhookHandler {

	private static final Logger log = LoggerFactory.getLogger(ShopifyWebhookHandler.class);

	private static final String VIA = "shopify";

	/** Fulfillment statuses of shipments that did not (or no longer) leave. */
	private static final Set<String> NOT_SHIPPED = Set.of("cancelled", "error", "failure");

	/** Shopify sends tracking numbers without a company when it cannot tell the carrier. */
	private static final String UNKNOWN_CARRIER = "unknown";

	private final OrderManagement orders;

	private final ShopifyOrderMapping mapping;

	private final ShopifyCompliance compliance;

	private final MeterRegistry meters;

	ShopifyWebhookHandler(OrderManagement orders, ShopifyOrderMapping mapping, ShopifyCompliance compliance,
			MeterRegistry meters) {
		this.orders = orders;
		this.mapping = mapping;
		this.compliance = compliance;
		this.meters = meters;
	}

	/** What happened; a payload that is not Shopify's documented shape fails with a 400 problem. */
	Mono<Handled> handle(ShopifyTopic topic, byte[] body) {
		return Mono.defer(() -> switch (topic) {
			case ORDERS_CREATE, ORDERS_UPDATED -> sync(topic, ShopifyJson.order(body));
			case ORDERS_CANCELLED -> cancel(topic, ShopifyJson.order(body));
			case FULFILLMENTS_CREATE, FULFILLMENTS_UPDATE -> fulfill(topic, ShopifyJson.fulfillment(body));
			case CUSTOMERS_REDACT, CUSTOMERS_DATA_REQUEST, SHOP_REDACT -> compliance.handle(topic, body);
		});
	}

	private Mono<Handled> sync(ShopifyTopic topic, ShopifyOrder order) {
		var id = ShopifyOrderMapping.orderId(required(order.id(), "id"));
		var placed = orders.find(id)
			.hasElement()
			.flatMap(known -> known ? Mono.empty()
					: Mono.defer(() -> orders.place(mapping.toInboundOrder(order), VIA)).then());
		Mono<?> change = Mono.empty();
		if (order.cancelledAt() != null) {
			change = orders.cancel(id, ShopifyOrderMapping.cancelReason(order.cancelReason()));
		}
		else if ("paid".equalsIgnoreCase(order.financialStatus())) {
			change = orders.confirm(id);
		}
		return placed.then(change)
			.thenReturn(new Handled(Outcome.APPLIED, id))
			.onErrorResume(ShopifyWebhookHandler::refusedByOrder, ex -> rejected(topic, id, ex));
	}

	private Mono<Handled> cancel(ShopifyTopic topic, ShopifyOrder order) {
		var id = ShopifyOrderMapping.orderId(required(order.id(), "id"));
		if (order.cancelledAt() == null) {
			log.info("Shopify {} for order {} has no cancelled_at; nothing cancelled", topic, id);
			return Mono.just(new Handled(Outcome.NOTHING_TO_DO, id));
		}
		var reason = ShopifyOrderMapping.cancelReason(order.cancelReason());
		return orders.find(id)
			.hasElement()
			.flatMap(known -> known ? orders.cancel(id, reason).thenReturn(new Handled(Outcome.APPLIED, id))
					: Mono.just(new Handled(Outcome.ORDER_UNKNOWN, id)))
			.onErrorResume(ShopifyWebhookHandler::refusedByOrder, ex -> rejected(topic, id, ex));
	}

	private Mono<Handled> fulfill(ShopifyTopic topic, ShopifyFulfillment fulfillment) {
		var id = ShopifyOrderMapping.orderId(required(fulfillment.orderId(), "order_id"));
		var fulfillmentId = String.valueOf(required(fulfillment.id(), "id"));
		var status = fulfillment.status() == null ? "" : fulfillment.status().toLowerCase(Locale.ROOT);
		if (NOT_SHIPPED.contains(status)) {
			log.info("Shopify {} {} for order {} is {}; nothing shipped", topic, fulfillmentId, id, status);
			return Mono.just(new Handled(Outcome.NOTHING_TO_DO, id));
		}
		var trackingNumber = fulfillment.firstTrackingNumber();
		if (trackingNumber == null) {
			log.debug("Shopify {} {} for order {} has no tracking number yet", topic, fulfillmentId, id);
			return Mono.just(new Handled(Outcome.NOTHING_TO_DO, id));
		}
		var carrier = fulfillment.trackingCompany() == null || fulfillment.trackingCompany().isBlank()
				? UNKNOWN_CARRIER : fulfillment.trackingCompany();
		var request = new FulfillmentRequest(fulfillmentId, carrier, trackingNumber,
				ShopifyOrderMapping.shippedLines(fulfillment));
		return orders.find(id)
			.hasElement()
			.flatMap(known -> known ? orders.ship(id, request).thenReturn(new Handled(Outcome.APPLIED, id))
					: Mono.just(new Handled(Outcome.ORDER_UNKNOWN, id)))
			.onErrorResume(ShopifyWebhookHandler::refusedByOrder, ex -> rejected(topic, id, ex));
	}

	private Mono<Handled> rejected(ShopifyTopic topic, OrderId id, Throwable ex) {
		var refusal = (ErrorResponseException) ex;
		log.warn("Shopify {} for order {} rejected ({}): {}", topic, id, refusal.getStatusCode().value(),
				refusal.getBody().getDetail());
		Counter.builder("shopify.webhooks.rejected")
			.description("Shopify webhooks the order refused (e.g. a change its state does not allow), by topic")
			.tag("topic", topic.value())
			.register(meters)
			.increment();
		return Mono.just(new Handled(Outcome.REJECTED, id));
	}

	/** A 4xx from the order commands; a payload problem of our own stays a 400 for Shopify. */
	private static boolean refusedByOrder(Throwable ex) {
		return ex instanceof ErrorResponseException refusal && !(ex instanceof InvalidShopifyPayloadException)
				&& refusal.getStatusCode().is4xxClientError();
	}

	private static Long required(Long id, String field) {
		if (id == null) {
			throw new InvalidShopifyPayloadException(List.of(field + ": required"));
		}
		return id;
	}

	/** What a webhook did to its order. */
	enum Outcome {

		/** The order now reflects the webhook (possibly unchanged, when it already did). */
		APPLIED,
		/** Nothing to do yet, for example a fulfillment without tracking number. */
		NOTHING_TO_DO,
		/** The order's rules refused the change. */
		REJECTED,
		/** The order is not known (yet): park the webhook until it is. */
		ORDER_UNKNOWN,
		/** The erasure of the customer's personal data was requested. */
		ERASURE_REQUESTED,
		/** A compliance request order-service does not act on; logged for an operator. */
		ACKNOWLEDGED

	}

	/** @param orderId the order the webhook is about; null for the compliance topics */
	record Handled(Outcome outcome, OrderId orderId) {
	}

}
