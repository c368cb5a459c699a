package dev.postpurchase.contracts.inbound;

import java.time.Instant;
import java.util.List;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.order.Address;
import dev.postpurchase.contracts.order.Customer;
import dev.postpurchase.contracts.order.OrderLine;
import dev.postpurchase.contracts.order.Payment;
import dev.postpurchase.contracts.order.SalesChannel;

/**
 * The canonical order message platforms send (REST {@code POST /api/v1/orders} and
 * {@code orders.inbound}). Idempotent on ({@code source}, {@code externalOrderId}).
 *
 * @param source the platform, for example {@code shopify}, {@code magento}, {@code web-shop}
 * @param payment how the order was paid, when the platform tells: what a refund is made against
 */
public record InboundOrder(String source, String externalOrderId, SalesChannel salesChannel, Customer customer,
		List<OrderLine> lines, Address shippingAddress, DeliveryPromise promise, Instant placedAt, Payment payment) {

	public static final String TYPE = "dev.postpurchase.inbound.order.v1";

	/** An order whose platform tells no payment: the components before payment was added. */
	public InboundOrder(String source, String externalOrderId, SalesChannel salesChannel, Customer customer,
			List<OrderLine> lines, Address shippingAddress, DeliveryPromise promise, Instant placedAt) {
		this(source, externalOrderId, salesChannel, customer, lines, shippingAddress, promise, placedAt, null);
	}

}
