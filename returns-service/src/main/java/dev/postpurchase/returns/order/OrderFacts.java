package dev.postpurchase.returns.order;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

import dev.postpurchase.contracts.order.Payment;
import dev.postpurchase.contracts.order.ReplacementOf;
import dev.postpurchase.contracts.order.SalesChannel;

/**
 * What returns-service knows of an order, from {@code order.events} and {@code shipment.events}:
 * what was bought at which price, how it was paid, when it arrived and whether it was cancelled. No
 * personal data: the customer is only an id. Amounts are whole minor units of {@code currency}
 * (see {@link MinorUnits}).
 *
 * @param salesChannel where the customer bought
 * @param currency ISO 4217 code of every amount of the order
 * @param lines the order's lines as placed (a sku may appear on more than one line)
 * @param shippingMinor what the customer paid beyond the lines: the order's total minus the lines'
 *        sum, 0 when the lines add up to more than the total (an order-level discount)
 * @param payment what a refund goes back to; {@code null} when the platform did not tell
 * @param timeZone the customer's IANA zone, else the delivery promise's; {@code null} when unknown
 * @param placedAt when the customer placed the order
 * @param deliveredAt the first outbound delivery; {@code null} while nothing was delivered
 * @param cancelledAt when the order was cancelled; {@code null} unless {@code cancelled}
 * @param replacementFor set on the replacement order of an exchange
 */
public record OrderFacts(String orderId, String customerId, SalesChannel salesChannel, String currency,
		List<Line> lines, long shippingMinor, Payment payment, String timeZone, Instant placedAt,
		Instant deliveredAt, boolean cancelled, Instant cancelledAt, ReplacementOf replacementFor) {

	private static final ZoneId UTC = ZoneId.of("UTC");

	public OrderFacts {
		lines = lines == null ? List.of() : List.copyOf(lines);
	}

	/**
	 * One line of the order.
	 *
	 * @param name the product name as shown to the customer (not personal data)
	 * @param unitPriceMinor the price of one item as paid, tax included, in minor units
	 * @param category the shop's product category, {@code null} when not told
	 * @param finalSale a final-sale item cannot be returned
	 */
	public record Line(String sku, String name, int quantity, long unitPriceMinor, String category,
			boolean finalSale) {

	}

	/** Whether an outbound parcel of the order was delivered. */
	public boolean delivered() {
		return deliveredAt != null;
	}

	/** The zone the customer's calendar days are counted in: their own, else UTC. */
	public ZoneId zone() {
		return timeZone == null ? UTC : ZoneId.of(timeZone);
	}

	/** The lines of a sku, in order; empty when the order has no such sku. */
	public List<Line> linesOf(String sku) {
		return lines.stream().filter(line -> Objects.equals(line.sku(), sku)).toList();
	}

	/** How many of a sku were bought, over all its lines; 0 when the order has no such sku. */
	public int purchased(String sku) {
		return linesOf(sku).stream().mapToInt(Line::quantity).sum();
	}

}
