package dev.postpurchase.returns.order;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.order.OrderCancelled;
import dev.postpurchase.contracts.order.OrderLine;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.kit.idempotency.AppliedEvents;
import reactor.core.publisher.Mono;

/**
 * The {@link OrderFacts} of every order, kept from events in {@code orders}, one document per order.
 *
 * <p>Each event is one atomic upsert that also records the event's id, so a redelivery changes
 * nothing. Events may come in any order: a delivery or a cancellation seen before its order sets
 * what it knows, and OrderPlaced fills in the rest. The first outbound delivery counts: a later
 * {@code deliveredAt} never replaces an earlier one (a split order's second parcel, a carrier's
 * repeated scan), whichever arrives first.
 *
 * <p>Nothing personal is stored: of the customer only the id and time zone.
 */
@Component
public class Orders {

	private static final Logger log = LoggerFactory.getLogger(Orders.class);

	static final String COLLECTION = "orders";

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	Orders(ReactiveMongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * What is known of an order; empty when its OrderPlaced was not seen (yet), even if a delivery
	 * was.
	 */
	public Mono<OrderFacts> find(String orderId) {
		return mongo.findById(orderId, StoredOrder.class, COLLECTION).filter(StoredOrder::placed).map(StoredOrder::facts);
	}

	/**
	 * Records what was bought, at which price, and how it was paid.
	 *
	 * @throws IllegalArgumentException synchronously, when the event breaks the contract: no order id,
	 *         no currency or an unknown one, a line without sku or with a quantity below 1, an amount that
	 *         is negative, not exact in its currency's minor units or in another currency than the
	 *         order's (the message names no personal data)
	 */
	Mono<Void> placed(OrderPlaced placed) {
		requireIds(placed.orderId(), placed.eventId());
		var orderLines = placed.lines() == null ? List.<OrderLine>of() : placed.lines();
		var currency = placed.total() != null ? placed.total().currency()
				: orderLines.isEmpty() || orderLines.get(0).unitPrice() == null ? null
						: orderLines.get(0).unitPrice().currency();
		var lines = new ArrayList<OrderFacts.Line>();
		long linesMinor = 0;
		try {
			MinorUnits.digits(currency);
			for (var line : orderLines) {
				if (line.sku() == null || line.sku().isBlank()) {
					throw new IllegalArgumentException("a line has no sku");
				}
				if (line.quantity() < 1) {
					throw new IllegalArgumentException("line " + line.sku() + " has quantity " + line.quantity());
				}
				if (line.unitPrice() == null || !currency.equals(line.unitPrice().currency())) {
					throw new IllegalArgumentException("line " + line.sku() + " is not priced in " + currency);
				}
				var unitMinor = MinorUnits.of(line.unitPrice());
				linesMinor = Math.addExact(linesMinor, Math.multiplyExact(unitMinor, line.quantity()));
				lines.add(new OrderFacts.Line(line.sku(), line.name(), line.quantity(), unitMinor, line.category(),
						line.finalSale()));
			}
			var totalMinor = placed.total() == null ? linesMinor : MinorUnits.of(placed.total());
			// lines adding up to more than the total: an order-level discount, no shipping paid
			var shippingMinor = Math.max(0, totalMinor - linesMinor);
			var update = new Update().set("customerId", placed.customer() == null ? null : placed.customer().customerId())
				.set("salesChannel", placed.salesChannel())
				.set("currency", currency)
				.set("lines", lines)
				.set("shippingMinor", shippingMinor)
				.set("placedAt", placed.placedAt() != null ? placed.placedAt() : placed.occurredAt());
			var zone = placed.customer() != null && placed.customer().timeZone() != null ? placed.customer().timeZone()
					: placed.promise() != null ? placed.promise().timeZone() : null;
			setIfKnown(update, "timeZone", zone == null ? null : zone.getId());
			setIfKnown(update, "payment", placed.payment());
			setIfKnown(update, "replacementFor", placed.replacementFor());
			return apply(placed.orderId(), placed.eventId(), update);
		}
		catch (IllegalArgumentException | ArithmeticException ex) {
			throw new IllegalArgumentException("OrderPlaced " + placed.eventId() + " of order " + placed.orderId()
					+ ": " + (ex instanceof ArithmeticException ? "amounts too large" : ex.getMessage()));
		}
	}

	/**
	 * Records the first outbound delivery; a return parcel's delivery is not the order's and is
	 * ignored.
	 */
	Mono<Void> delivered(ShipmentDelivered delivered) {
		if (delivered.direction() == Direction.RETURN) {
			return Mono.empty();
		}
		requireIds(delivered.orderId(), delivered.eventId());
		var at = delivered.deliveredAt() != null ? delivered.deliveredAt() : delivered.occurredAt();
		var update = new Update().min("deliveredAt", at);
		if (delivered.salesChannel() != null) {
			// OrderPlaced's own channel wins: this only fills a document the delivery creates
			update.setOnInsert("salesChannel", delivered.salesChannel());
		}
		if (delivered.promise() != null && delivered.promise().timeZone() != null) {
			update.set("deliveryTimeZone", delivered.promise().timeZone().getId());
		}
		return apply(delivered.orderId(), delivered.eventId(), update);
	}

	/** Records that the order was cancelled (the earliest cancellation counts). */
	Mono<Void> cancelled(OrderCancelled cancelled) {
		requireIds(cancelled.orderId(), cancelled.eventId());
		var update = new Update().set("cancelled", true);
		if (cancelled.occurredAt() != null) {
			update.min("cancelledAt", cancelled.occurredAt());
		}
		return apply(cancelled.orderId(), cancelled.eventId(), update);
	}

	private Mono<Void> apply(String orderId, UUID eventId, Update update) {
		update.set("updatedAt", clock.instant());
		AppliedEvents.markApplied(update, eventId);
		var notYetApplied = Query.query(Criteria.where("_id").is(orderId).andOperator(AppliedEvents.notApplied(eventId)));
		return mongo.upsert(notYetApplied, update, StoredOrder.class, COLLECTION)
			.then()
			.onErrorResume(DuplicateKeyException.class, collided -> {
				// the document exists: it either holds this event already (nothing matches), or the other
				// listener created it between our lookup and our insert (the update applies now)
				log.debug("Order {} exists; applying event {} unless it was already", orderId, eventId);
				return mongo.updateFirst(notYetApplied, update, StoredOrder.class, COLLECTION).then();
			});
	}

	private static void requireIds(String orderId, UUID eventId) {
		if (orderId == null || orderId.isBlank() || eventId == null) {
			throw new IllegalArgumentException("An event without order id or event id (" + eventId + ")");
		}
	}

	private static void setIfKnown(Update update, String field, Object value) {
		if (value != null) {
			update.set(field, value);
		}
	}

}
