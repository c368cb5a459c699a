package dev.postpurchase.order.orders;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.order.Address;
import dev.postpurchase.contracts.order.Customer;
import dev.postpurchase.contracts.order.OrderCancelled;
import dev.postpurchase.contracts.order.OrderCancelled.CancelReason;
import dev.postpurchase.contracts.order.OrderConfirmed;
import dev.postpurchase.contracts.order.OrderLine;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.OrderShipped;
import dev.postpurchase.contracts.order.Payment;
import dev.postpurchase.contracts.order.ReplacementOf;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.contracts.order.ShippedLine;
import dev.postpurchase.contracts.order.SupportContactLogged;
import dev.postpurchase.contracts.shipment.Carriers;
import dev.postpurchase.kit.outbox.OutboxEntry;
import dev.postpurchase.kit.web.Problems;

/**
 * An order, with the events it still has to publish in its outbox. Every change is a method here
 * that checks the rules and appends its event; the change and its event are saved in one write.
 */
@Document(Order.COLLECTION)
public class Order {

	public static final String COLLECTION = "orders";

	@Id
	private final String id;

	@Version
	private Long version;

	private final String source;

	private final String externalOrderId;

	private final SalesChannel salesChannel;

	private final Customer customer;

	private final List<OrderLine> lines;

	private final Money total;

	private final Address shippingAddress;

	private final DeliveryPromise promise;

	private final Instant placedAt;

	/** How the order was paid, when the platform told: what a refund is made against. */
	private final Payment payment;

	/** Set on the replacement order of an exchange: the original order and the return. */
	private final ReplacementOf replacementFor;

	private OrderStatus status;

	private Instant updatedAt;

	private final List<Fulfillment> fulfillments;

	private final List<Contact> contacts;

	private final List<OutboxEntry> outbox;

	/** Set when the customer's personal data was erased; the order's other facts stay. */
	private final Instant erasedAt;

	@PersistenceCreator
	Order(String id, Long version, String source, String externalOrderId, SalesChannel salesChannel,
			Customer customer, List<OrderLine> lines, Money total, Address shippingAddress, DeliveryPromise promise,
			Instant placedAt, Payment payment, ReplacementOf replacementFor, OrderStatus status, Instant updatedAt,
			List<Fulfillment> fulfillments, List<Contact> contacts, List<OutboxEntry> outbox, Instant erasedAt) {
		this.id = id;
		this.version = version;
		this.source = source;
		this.externalOrderId = externalOrderId;
		this.salesChannel = salesChannel;
		this.customer = customer;
		this.lines = lines;
		this.total = total;
		this.shippingAddress = shippingAddress;
		this.promise = promise;
		this.placedAt = placedAt;
		this.payment = payment;
		this.replacementFor = replacementFor;
		this.status = status;
		this.updatedAt = updatedAt;
		this.fulfillments = fulfillments == null ? new ArrayList<>() : new ArrayList<>(fulfillments);
		this.contacts = contacts == null ? new ArrayList<>() : new ArrayList<>(contacts);
		this.outbox = outbox == null ? new ArrayList<>() : new ArrayList<>(outbox);
		this.erasedAt = erasedAt;
	}

	/**
	 * A new order from a validated canonical message; publishes OrderPlaced. {@code replacementFor} is
	 * set for the replacement order of an exchange, null for an order a platform sent.
	 */
	static Order place(OrderId id, InboundOrder in, DeliveryPromise promise, ReplacementOf replacementFor,
			Clock clock) {
		var now = now(clock);
		var placedAt = in.placedAt() != null ? in.placedAt() : now;
		var order = new Order(id.value(), null, in.source(), in.externalOrderId(), in.salesChannel(), in.customer(),
				List.copyOf(in.lines()), totalOf(in.lines()), in.shippingAddress(), promise, placedAt, in.payment(),
				replacementFor, OrderStatus.PLACED, now, null, null, null, null);
		order.record(new OrderPlaced(UUID.randomUUID(), id.value(), now, in.source(), in.externalOrderId(),
				in.salesChannel(), in.customer(), order.lines, order.total, in.shippingAddress(), promise, placedAt,
				in.payment(), replacementFor));
		return order;
	}

	/** Confirms a placed order; false when there is nothing to do. */
	boolean confirm(Clock clock) {
		if (status != OrderStatus.PLACED) {
			return false;
		}
		status = OrderStatus.CONFIRMED;
		record(new OrderConfirmed(UUID.randomUUID(), id, touch(clock)));
		return true;
	}

	/** Cancels the order; false when it already was. Shipped goods cannot be cancelled, only returned. */
	boolean cancel(CancelReason reason, Clock clock) {
		if (status == OrderStatus.CANCELLED) {
			return false;
		}
		if (!fulfillments.isEmpty()) {
			throw Problems.conflict("Order " + id + " has shipped; start a return instead of cancelling");
		}
		status = OrderStatus.CANCELLED;
		record(new OrderCancelled(UUID.randomUUID(), id, touch(clock), reason == null ? CancelReason.OTHER : reason));
		return true;
	}

	/**
	 * Records a fulfillment and publishes OrderShipped. The same fulfillment sent again (same platform
	 * fulfillment id, or same carrier and tracking number) is recognized and changes nothing.
	 */
	boolean ship(FulfillmentRequest request, Clock clock) {
		var carrier = Carriers.normalize(request.carrier());
		var known = fulfillments.stream()
			.anyMatch(existing -> (request.externalFulfillmentId() != null
					&& request.externalFulfillmentId().equals(existing.externalFulfillmentId()))
					|| (existing.carrier().equals(carrier) && existing.trackingNumber().equals(request.trackingNumber())));
		if (known) {
			return false;
		}
		if (status == OrderStatus.CANCELLED) {
			throw Problems.conflict("Order " + id + " is cancelled and cannot ship");
		}
		var remaining = remainingToShip();
		var shipped = request.lines() == null || request.lines().isEmpty()
				? remaining.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> new ShippedLine(e.getKey(), e.getValue())).toList()
				: List.copyOf(request.lines());
		if (shipped.isEmpty()) {
			throw Problems.conflict("Order " + id + " has nothing left to ship");
		}
		for (var line : shipped) {
			var left = remaining.get(line.sku());
			if (left == null) {
				throw Problems.unprocessable("Order " + id + " has no line with sku " + line.sku());
			}
			if (line.quantity() > left) {
				throw Problems.unprocessable("Order " + id + ": " + line.quantity() + " x " + line.sku()
						+ " to ship but only " + left + " not yet shipped");
			}
			remaining.merge(line.sku(), -line.quantity(), Integer::sum);
		}
		var now = touch(clock);
		var fulfillment = new Fulfillment("shp_" + UUID.randomUUID().toString().replace("-", ""),
				request.externalFulfillmentId(), carrier, request.trackingNumber(), shipped, now);
		fulfillments.add(fulfillment);
		status = remaining.values().stream().allMatch(left -> left == 0) ? OrderStatus.SHIPPED
				: OrderStatus.PARTIALLY_SHIPPED;
		record(new OrderShipped(UUID.randomUUID(), id, now, fulfillment.shipmentId(), carrier,
				request.trackingNumber(), shipped, promise, customer.customerId(), salesChannel));
		return true;
	}

	/** Logs a support contact and publishes SupportContactLogged. */
	Contact logContact(Contact contact, Clock clock) {
		var logged = new Contact("con_" + UUID.randomUUID().toString().replace("-", ""), contact.channel(),
				contact.reason(), contact.resolvedOnFirstContact(), contact.agentId(), touch(clock));
		contacts.add(logged);
		record(new SupportContactLogged(UUID.randomUUID(), id, logged.loggedAt(), logged.contactId(),
				customer.customerId(), logged.channel(), logged.reason(), logged.resolvedOnFirstContact(),
				logged.agentId()));
		return logged;
	}

	private Map<String, Integer> remainingToShip() {
		var remaining = new HashMap<String, Integer>();
		lines.forEach(line -> remaining.merge(line.sku(), line.quantity(), Integer::sum));
		fulfillments.forEach(f -> f.lines().forEach(line -> remaining.merge(line.sku(), -line.quantity(), Integer::sum)));
		return remaining;
	}

	private Instant touch(Clock clock) {
		updatedAt = now(clock);
		return updatedAt;
	}

	/** MongoDB keeps milliseconds: the time an event tells is the time the order keeps. */
	private static Instant now(Clock clock) {
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

	private void record(Event event) {
		outbox.add(OutboxEntry.of(event));
	}

	private static Money totalOf(List<OrderLine> lines) {
		var currency = lines.get(0).unitPrice().currency();
		var amount = lines.stream()
			.map(line -> line.unitPrice().amount().multiply(java.math.BigDecimal.valueOf(line.quantity())))
			.reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
		return new Money(amount, currency);
	}

	public OrderId id() {
		return new OrderId(id);
	}

	public String source() {
		return source;
	}

	public String externalOrderId() {
		return externalOrderId;
	}

	public SalesChannel salesChannel() {
		return salesChannel;
	}

	public Customer customer() {
		return customer;
	}

	public List<OrderLine> lines() {
		return lines;
	}

	public Money total() {
		return total;
	}

	public Address shippingAddress() {
		return shippingAddress;
	}

	public DeliveryPromise promise() {
		return promise;
	}

	public Instant placedAt() {
		return placedAt;
	}

	/** How the order was paid; null when the platform did not tell. */
	public Payment payment() {
		return payment;
	}

	/** The exchange this order replaces items for; null for an order a platform sent. */
	public ReplacementOf replacementFor() {
		return replacementFor;
	}

	public OrderStatus status() {
		return status;
	}

	public Instant updatedAt() {
		return updatedAt;
	}

	public List<Fulfillment> fulfillments() {
		return List.copyOf(fulfillments);
	}

	public List<Contact> contacts() {
		return List.copyOf(contacts);
	}

	public Instant erasedAt() {
		return erasedAt;
	}

	/** Events not yet confirmed published (kept until the relay removes them). */
	public List<OutboxEntry> outbox() {
		return List.copyOf(outbox);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Order that && Objects.equals(id, that.id);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(id);
	}

}
