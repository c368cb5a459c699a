package dev.postpurchase.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.order.Address;
import dev.postpurchase.contracts.order.Consents;
import dev.postpurchase.contracts.order.Customer;
import dev.postpurchase.contracts.order.OrderLine;
import dev.postpurchase.contracts.order.Payment;
import dev.postpurchase.contracts.order.SalesChannel;

/** Canonical orders for tests, each with its own external id so tests never collide. */
public final class TestOrders {

	private TestOrders() {
	}

	public static InboundOrder order() {
		return order("web-shop", "EXT-" + UUID.randomUUID(), "cus-" + UUID.randomUUID());
	}

	public static InboundOrder order(String source, String externalOrderId, String customerId) {
		var zone = ZoneId.of("Europe/Amsterdam");
		return new InboundOrder(source, externalOrderId, SalesChannel.WEB,
				new Customer(customerId, "anna@example.com", "+31612345678", "Anna de Vries", "nl-NL", zone,
						new Consents(true, true, false)),
				List.of(new OrderLine("SKU-TSHIRT-M", "T-shirt, M", 2, new Money(new BigDecimal("19.95"), "EUR"),
						"apparel", false),
						new OrderLine("SKU-MUG", "Mug", 1, new Money(new BigDecimal("9.50"), "EUR"), "home", true)),
				new Address("Anna de Vries", "Keizersgracht 1", null, "1015 CJ", "Amsterdam", null, "NL"),
				new DeliveryPromise(null, Instant.parse("2026-05-14T21:59:59Z"), zone),
				Instant.parse("2026-05-11T09:15:00Z"));
	}

	/** The same order, paid with the given payment. */
	public static InboundOrder paidWith(InboundOrder order, Payment payment) {
		return new InboundOrder(order.source(), order.externalOrderId(), order.salesChannel(), order.customer(),
				order.lines(), order.shippingAddress(), order.promise(), order.placedAt(), payment);
	}

}
