package dev.postpurchase.order.shopify;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.postpurchase.order.erasure.CustomerErasures;
import dev.postpurchase.order.orders.OrderManagement;
import dev.postpurchase.order.shopify.ShopifyWebhookHandler.Handled;
import dev.postpurchase.order.shopify.ShopifyWebhookHandler.Outcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Shopify's mandatory privacy compliance webhooks.
 *
 * <ul>
 * <li>{@code customers/redact}: requests the erasure (GDPR Art. 17) of the customer
 * {@code shopify-<customer.id>}, and of every guest checkout among {@code orders_to_redact} that
 * order-service holds (customer {@code shopify-guest-<order id>}, see {@link ShopifyOrderMapping}),
 * through {@link CustomerErasures}: every service that stores personal data erases it as it
 * consumes {@code customer.erasure}. Orders of other customers listed there are left alone.</li>
 * <li>{@code customers/data_request} and {@code shop/redact} are acknowledged and logged, nothing
 * more: exporting a customer's data for the merchant and removing a shop's data after it uninstalled
 * the app are out of scope for now, so an operator handles them (Shopify expects an answer within 30
 * days).</li>
 * </ul>
 * Every outcome is a 200, as Shopify requires. A redaction without {@code shop_id}, {@code customer}
 * or {@code orders_to_redact} is a 400: the topic header is not signed, so without them any signed
 * order payload sent again under {@code customers/redact} would erase its customer.
 */
@Component
class ShopifyCompliance {

	private static final Logger log = LoggerFactory.getLogger(ShopifyCompliance.class);

	/** Who asked for the erasure, in CustomerErasureRequested. */
	static final String REQUESTED_BY = "shopify";

	private final CustomerErasures erasures;

	private final OrderManagement orders;

	ShopifyCompliance(CustomerErasures erasures, OrderManagement orders) {
		this.erasures = erasures;
		this.orders = orders;
	}

	Mono<Handled> handle(ShopifyTopic topic, byte[] body) {
		var request = ShopifyJson.complianceRequest(body);
		return switch (topic) {
			case CUSTOMERS_REDACT -> redact(request);
			case CUSTOMERS_DATA_REQUEST -> {
				log.warn("Shopify customers/data_request {} from shop {} for customer {}: order-service does not export "
						+ "customer data; answer it from its order documents", dataRequestId(request), request.shopId(),
						request.customer() == null ? null : request.customer().id());
				yield Mono.just(new Handled(Outcome.ACKNOWLEDGED, null));
			}
			case SHOP_REDACT -> {
				log.warn("Shopify shop/redact for shop {}: order-service does not remove a shop's data; remove its "
						+ "orders by hand if the shop is gone for good", request.shopId());
				yield Mono.just(new Handled(Outcome.ACKNOWLEDGED, null));
			}
			default -> Mono.error(new IllegalArgumentException(topic + " is not a compliance topic"));
		};
	}

	private Mono<Handled> redact(ShopifyComplianceRequest request) {
		// the topic header is not signed: the body of another topic must not pass for a redaction
		var problems = new ArrayList<String>();
		if (request.shopId() == null) {
			problems.add("shop_id: required");
		}
		if (request.customer() == null) {
			problems.add("customer: required");
		}
		if (request.ordersToRedact() == null) {
			problems.add("orders_to_redact: required (may be empty)");
		}
		if (!problems.isEmpty()) {
			return Mono.error(new InvalidShopifyPayloadException(problems));
		}
		var customerId = request.customer().id();
		// a null element would stop Flux.fromIterable with a NullPointerException: filtered first
		return Flux.fromIterable(request.ordersToRedact().stream().filter(Objects::nonNull).distinct().toList())
			.concatMap(this::guestOf)
			.collectList()
			.flatMap(guests -> {
				var customers = new LinkedHashSet<String>();
				if (customerId != null) {
					customers.add(ShopifyOrderMapping.customerId(customerId));
				}
				customers.addAll(guests);
				if (customers.isEmpty()) {
					log.warn("Shopify customers/redact from shop {} names no customer id and no guest order "
							+ "order-service holds; nothing to erase", request.shopId());
					return Mono.just(new Handled(Outcome.NOTHING_TO_DO, null));
				}
				return Flux.fromIterable(customers)
					.concatMap(customer -> erasures.request(customer, REQUESTED_BY))
					.count()
					.map(requested -> {
						log.info("Shopify customers/redact from shop {}: erasure requested for {} customer ids",
								request.shopId(), requested);
						return new Handled(Outcome.ERASURE_REQUESTED, null);
					});
			});
	}

	/** The guest customer of a Shopify order order-service holds, if it was a guest checkout. */
	private Mono<String> guestOf(Long shopifyOrderId) {
		var guest = ShopifyOrderMapping.guestCustomerId(shopifyOrderId);
		return orders.find(ShopifyOrderMapping.orderId(shopifyOrderId))
			.filter(order -> order.customer() != null && guest.equals(order.customer().customerId()))
			.map(order -> guest);
	}

	private static Long dataRequestId(ShopifyComplianceRequest request) {
		return request.dataRequest() == null ? null : request.dataRequest().id();
	}

}
