package dev.postpurchase.metrics.returns;

import static dev.postpurchase.metrics.kpi.FactUpdates.requireIds;
import static dev.postpurchase.metrics.kpi.FactUpdates.setIfKnown;
import static dev.postpurchase.metrics.kpi.FactUpdates.setOnInsertIfKnown;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.metrics.kpi.FactStore;
import dev.postpurchase.metrics.kpi.MetricTags;
import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.order.OrderLine;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnLine;
import dev.postpurchase.contracts.returns.ReturnReceived;
import dev.postpurchase.contracts.returns.ReturnRejected;
import dev.postpurchase.contracts.returns.ReturnRequested;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The facts the returns KPIs are computed from: one document per return in {@code return_facts}, one
 * per delivered order in {@code delivered_orders}.
 *
 * <p>Every event is one upsert that gives the same document whatever order events come in and
 * however often: times where the first one counts are kept with {@code $min}; what an event owns
 * (the request's reason, units and channel; the refund's amount and outcome; the order's units) is
 * set by it, and other events only fill in on insert. So a rebuild from the topics gives the same
 * facts. Return parcels are no deliveries to customers and are skipped.
 *
 * <p>Each fact an event changes first is counted once (see {@link FactStore#upsert}):
 * {@code cx_returns_requested_total{reason}}, {@code cx_refunds_total{outcome}}, and, once a return's
 * receipt and refund are both known (whichever came last), the histogram {@code cx_refund_cycle_seconds}
 * from receipt to refund, as the refund cycle KPIs measure it.
 */
@Component
class ReturnFacts {

	static final String RETURNS = "return_facts";

	static final String DELIVERED_ORDERS = "delivered_orders";

	private final FactStore store;

	private final MeterRegistry meters;

	private final Timer refundCycle;

	ReturnFacts(FactStore store, MeterRegistry meters) {
		this.store = store;
		this.meters = meters;
		this.refundCycle = Timer.builder("cx.refund.cycle")
			.description("Time from a return's receipt at the warehouse to its refund")
			.serviceLevelObjectives(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(12), Duration.ofDays(1),
					Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(14))
			.register(meters);
	}

	/** The indexes the KPI range queries use; creating an existing index changes nothing. */
	@EventListener(ApplicationReadyEvent.class)
	void createIndexes() {
		store.declare(RETURNS, "requestedAt", "refundedAt");
		store.declare(DELIVERED_ORDERS, "deliveredAt");
	}

	/** Records a request: its reason, units, channel and time. */
	Mono<Void> requested(ReturnRequested requested) {
		requireIds(requested.returnId(), requested.eventId(), "return/order id");
		if (requested.occurredAt() == null) {
			throw new IllegalArgumentException("ReturnRequested " + requested.eventId() + " tells no time");
		}
		var update = new Update().min("requestedAt", requested.occurredAt());
		setIfKnown(update, "orderId", requested.orderId());
		setIfKnown(update, "reason", requested.reason() == null ? null : requested.reason().name());
		setIfKnown(update, "salesChannel", requested.salesChannel() == null ? null : requested.salesChannel().name());
		update.set("units", units(requested.lines() == null ? List.of()
				: requested.lines().stream().map(ReturnLine::quantity).toList()));
		return store.upsert(RETURNS, requested.returnId(), update)
			.filter(changed -> changed)
			.doOnNext(changed -> Counter.builder("cx.returns.requested")
				.description("Returns requested")
				.tag("reason", MetricTags.of(requested.reason()))
				.register(meters)
				.increment())
			.then();
	}

	/** Records that a return was rejected (the first rejection counts). */
	Mono<Void> rejected(ReturnRejected rejected) {
		requireIds(rejected.returnId(), rejected.eventId(), "return/order id");
		var update = timed(rejected.occurredAt(), "rejectedAt", "ReturnRejected", rejected.eventId());
		setOnInsertIfKnown(update, "orderId", rejected.orderId());
		return store.upsert(RETURNS, rejected.returnId(), update).then();
	}

	/** Records the return's arrival at the warehouse (the first one counts). */
	Mono<Void> received(ReturnReceived received) {
		requireIds(received.returnId(), received.eventId(), "return/order id");
		var update = timed(received.occurredAt(), "receivedAt", "ReturnReceived", received.eventId());
		setOnInsertIfKnown(update, "orderId", received.orderId());
		return store.upsert(RETURNS, received.returnId(), update)
			.filter(changed -> changed)
			.flatMap(changed -> refundCycle(received.returnId()));
	}

	/** Records the refund: the first time counts; amount and outcome are the refund's own. */
	Mono<Void> refunded(RefundIssued refund) {
		requireIds(refund.returnId(), refund.eventId(), "return/order id");
		var update = timed(refund.occurredAt(), "refundedAt", "RefundIssued", refund.eventId());
		setOnInsertIfKnown(update, "orderId", refund.orderId());
		setIfKnown(update, "outcome", refund.outcome() == null ? null : refund.outcome().name());
		var amount = refund.amount();
		if (amount != null && amount.amount() != null && amount.currency() != null) {
			update.set("refundAmountMinor", minorUnits(amount)).set("refundCurrency", amount.currency());
		}
		return store.upsert(RETURNS, refund.returnId(), update)
			.filter(changed -> changed)
			.flatMap(changed -> {
				Counter.builder("cx.refunds")
					.description("Returns refunded, to the payment or as store credit")
					.tag("outcome", MetricTags.of(refund.outcome()))
					.register(meters)
					.increment();
				return refundCycle(refund.returnId());
			});
	}

	/** Records an order's units and channel. */
	Mono<Void> placed(OrderPlaced placed) {
		requireIds(placed.orderId(), placed.eventId(), "return/order id");
		var update = new Update().set("units",
				units(placed.lines() == null ? List.of() : placed.lines().stream().map(OrderLine::quantity).toList()));
		setIfKnown(update, "salesChannel", placed.salesChannel() == null ? null : placed.salesChannel().name());
		return store.upsert(DELIVERED_ORDERS, placed.orderId(), update).then();
	}

	/** Records an order's first outbound delivery; its channel only fills a new document. */
	Mono<Void> delivered(ShipmentDelivered delivered) {
		if (delivered.direction() == Direction.RETURN || delivered.returnId() != null) {
			return Mono.empty();
		}
		requireIds(delivered.orderId(), delivered.eventId(), "return/order id");
		var at = delivered.deliveredAt() != null ? delivered.deliveredAt() : delivered.occurredAt();
		var update = timed(at, "deliveredAt", "ShipmentDelivered", delivered.eventId());
		setOnInsertIfKnown(update, "salesChannel",
				delivered.salesChannel() == null ? null : delivered.salesChannel().name());
		return store.upsert(DELIVERED_ORDERS, delivered.orderId(), update).then();
	}

	/** Records the return's refund cycle once its receipt and refund are both known. */
	private Mono<Void> refundCycle(String returnId) {
		return store.findOne(Query.query(Criteria.where("_id").is(returnId)), ReturnFact.class, RETURNS)
			.filter(fact -> fact.receivedAt() != null && fact.refundedAt() != null)
			.doOnNext(fact -> refundCycle.record(Duration.between(fact.receivedAt(), fact.refundedAt())))
			.then();
	}

	/** Returns requested in {@code [from, to)}. */
	Flux<ReturnFact> requestedBetween(Instant from, Instant to) {
		return store.find(Query.query(Criteria.where("requestedAt").gte(from).lt(to)), ReturnFact.class, RETURNS);
	}

	/** Returns refunded in {@code [from, to)}. */
	Flux<ReturnFact> refundedBetween(Instant from, Instant to) {
		return store.find(Query.query(Criteria.where("refundedAt").gte(from).lt(to)), ReturnFact.class, RETURNS);
	}

	/** Orders first delivered in {@code [from, to)}. */
	Flux<DeliveredOrder> deliveredBetween(Instant from, Instant to) {
		return store.find(Query.query(Criteria.where("deliveredAt").gte(from).lt(to)), DeliveredOrder.class,
				DELIVERED_ORDERS);
	}

	/** The amount in minor units of its currency (2 digits when the currency is unknown to Java). */
	static long minorUnits(Money money) {
		return money.amount().movePointRight(fractionDigits(money.currency())).setScale(0, java.math.RoundingMode.HALF_UP)
			.longValueExact();
	}

	/** How many minor-unit digits a currency has: 2 for EUR, 0 for JPY; 2 when unknown. */
	static int fractionDigits(String currency) {
		try {
			var digits = Currency.getInstance(currency).getDefaultFractionDigits();
			return digits < 0 ? 2 : digits;
		}
		catch (IllegalArgumentException unknown) {
			return 2;
		}
	}

	/** The amount in major units of {@code minor} minor units of {@code currency}. */
	static double majorUnits(long minor, String currency) {
		return BigDecimal.valueOf(minor).movePointLeft(fractionDigits(currency)).doubleValue();
	}

	private static int units(List<Integer> quantities) {
		return quantities.stream().mapToInt(Integer::intValue).sum();
	}

	private static Update timed(Instant at, String field, String type, UUID eventId) {
		if (at == null) {
			throw new IllegalArgumentException(type + " " + eventId + " tells no time");
		}
		return new Update().min(field, at);
	}

}
