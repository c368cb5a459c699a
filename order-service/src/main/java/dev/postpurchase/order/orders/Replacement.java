package dev.postpurchase.order.orders;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Locale;

import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.order.OrderLine;
import dev.postpurchase.contracts.returns.ExchangeRequested;

/**
 * The replacement order of an exchange, built from the original order and returns-service's
 * {@link ExchangeRequested}:
 *
 * <ul>
 * <li>{@code source} is {@code exchange} and {@code externalOrderId} the return id, so the order id is
 * derived like any order's and one return gets at most one replacement order, however often the
 * request arrives.</li>
 * <li>Customer (contact data, locale, time zone, consents), shipping address, sales channel and
 * payment are the original order's.</li>
 * <li>One line per exchange line: the new variant ({@code newSku}) and quantity, with the name,
 * category and final-sale flag of the original line. The name therefore may describe the old variant
 * (a size or colour): the platform's catalog is not known here.</li>
 * <li>Unit price 0 in the original order's currency: an even exchange, nothing to pay.</li>
 * <li>Placed now, with no delivery promise, so the default promise applies as for an order that
 * came without one.</li>
 * </ul>
 */
final class Replacement {

	/** The source of replacement orders; platforms may not use it. */
	static final String SOURCE = "exchange";

	private Replacement() {
	}

	/** Whether a platform's order claims the source reserved for replacement orders. */
	static boolean isReserved(String source) {
		return source != null && SOURCE.equals(source.trim().toLowerCase(Locale.ROOT));
	}

	/** The id of the replacement order of a return. */
	static OrderId idOf(String returnId) {
		return OrderId.of(SOURCE, returnId);
	}

	/**
	 * The canonical replacement order.
	 *
	 * @throws UnservableExchangeException when the original order cannot be served or the request does
	 *         not fit it
	 */
	static InboundOrder of(Order original, ExchangeRequested exchange) {
		var about = "Exchange for return " + exchange.returnId() + " of order " + original.id();
		if (original.erasedAt() != null) {
			throw new UnservableExchangeException(about + ": the customer's personal data was erased");
		}
		if (exchange.customerId() != null && !exchange.customerId().equals(original.customer().customerId())) {
			throw new UnservableExchangeException(about + ": the customer is not the order's customer");
		}
		if (exchange.lines() == null || exchange.lines().isEmpty()) {
			throw new UnservableExchangeException(about + ": no lines to exchange");
		}
		var currency = original.total().currency();
		var lines = new ArrayList<OrderLine>();
		for (int i = 0; i < exchange.lines().size(); i++) {
			var line = exchange.lines().get(i);
			var at = about + ": lines[" + i + "]";
			if (line == null || line.sku() == null || line.newSku() == null || line.newSku().isBlank()) {
				throw new UnservableExchangeException(at + ": sku and newSku are required");
			}
			if (line.quantity() < 1) {
				throw new UnservableExchangeException(at + ".quantity: must be at least 1");
			}
			var returned = original.lines().stream().filter(ordered -> ordered.sku().equals(line.sku())).findFirst()
				.orElseThrow(() -> new UnservableExchangeException(at + ".sku: not a line of the order"));
			lines.add(new OrderLine(line.newSku().trim(), returned.name(), line.quantity(),
					new Money(BigDecimal.ZERO, currency), returned.category(), returned.finalSale()));
		}
		return new InboundOrder(SOURCE, exchange.returnId(), original.salesChannel(), original.customer(),
				lines, original.shippingAddress(), null, null, original.payment());
	}

}
