package dev.postpurchase.metrics.delivery;

import static dev.postpurchase.metrics.kpi.FactUpdates.requireIds;
import static dev.postpurchase.metrics.kpi.FactUpdates.setIfKnown;
import static dev.postpurchase.metrics.kpi.FactUpdates.setOnInsertIfKnown;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.metrics.kpi.FactStore;
import dev.postpurchase.metrics.kpi.MetricTags;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The facts the delivery KPIs are computed from: one document per outbound shipment in
 * {@code shipments}, one per delivery exception in {@code exceptions}.
 *
 * <p>Every event is one upsert that gives the same document whatever order events come in and
 * however often: times where the first one counts are kept with {@code $min}; what both events of a
 * pair tell is set by the one that owns it (ShipmentRegistered, DeliveryExceptionRaised) and only
 * filled in on insert by the other. So a rebuild from the topics gives the same facts. Return parcels
 * are skipped: they are not deliveries to customers.
 *
 * <p>Each fact an event changes first is counted once (see {@link FactStore#upsert}):
 * {@code cx_shipments_registered_total{carrier}}, {@code cx_shipments_delivered_total{carrier, on_time}}
 * ({@code true}/{@code false} against the delivery event's promise, {@code unknown} without one),
 * {@code cx_delivery_exceptions_raised_total{carrier, kind}} and the histogram
 * {@code cx_delivery_exception_resolution_seconds{kind}}.
 */
@Component
class DeliveryFacts {

	static final String SHIPMENTS = "shipments";

	static final String EXCEPTIONS = "exceptions";

	private final FactStore store;

	private final MeterRegistry meters;

	DeliveryFacts(FactStore store, MeterRegistry meters) {
		this.store = store;
		this.meters = meters;
	}

	/** The indexes the KPI range queries use; creating an existing index changes nothing. */
	@EventListener(ApplicationReadyEvent.class)
	void createIndexes() {
		store.declare(SHIPMENTS, "registeredAt", "deliveredAt");
		store.declare(EXCEPTIONS, "raisedAt", "resolvedAt");
	}

	/** Records an outbound shipment's carrier, channel, promise and registration. */
	Mono<Void> registered(ShipmentRegistered registered) {
		if (isReturn(registered.direction(), registered.returnId())) {
			return Mono.empty();
		}
		requireIds(registered.shipmentId(), registered.eventId(), "shipment id");
		var update = new Update();
		setIfKnown(update, "orderId", registered.orderId());
		setIfKnown(update, "carrier", registered.carrier());
		setIfKnown(update, "salesChannel", registered.salesChannel() == null ? null : registered.salesChannel().name());
		setIfKnown(update, "promisedBy", registered.promise() == null ? null : registered.promise().by());
		if (registered.occurredAt() != null) {
			update.min("registeredAt", registered.occurredAt());
		}
		return store.upsert(SHIPMENTS, registered.shipmentId(), update)
			.filter(changed -> changed)
			.doOnNext(changed -> count("cx.shipments.registered", "Outbound shipments registered for tracking",
					"carrier", MetricTags.carrier(registered.carrier())))
			.then();
	}

	/** Records an outbound shipment's first delivery; what it tells besides only fills a new document. */
	Mono<Void> delivered(ShipmentDelivered delivered) {
		if (isReturn(delivered.direction(), delivered.returnId())) {
			return Mono.empty();
		}
		requireIds(delivered.shipmentId(), delivered.eventId(), "shipment id");
		var at = delivered.deliveredAt() != null ? delivered.deliveredAt() : delivered.occurredAt();
		if (at == null) {
			throw new IllegalArgumentException("ShipmentDelivered " + delivered.eventId() + " tells no time");
		}
		var update = new Update().min("deliveredAt", at);
		setOnInsertIfKnown(update, "orderId", delivered.orderId());
		setOnInsertIfKnown(update, "carrier", delivered.carrier());
		setOnInsertIfKnown(update, "salesChannel",
				delivered.salesChannel() == null ? null : delivered.salesChannel().name());
		setOnInsertIfKnown(update, "promisedBy", delivered.promise() == null ? null : delivered.promise().by());
		var by = delivered.promise() == null ? null : delivered.promise().by();
		var onTime = by == null ? MetricTags.UNKNOWN : String.valueOf(!at.isAfter(by));
		return store.upsert(SHIPMENTS, delivered.shipmentId(), update)
			.filter(changed -> changed)
			.doOnNext(changed -> count("cx.shipments.delivered", "Outbound shipments delivered, on time or not",
					"carrier", MetricTags.carrier(delivered.carrier()), "on_time", onTime))
			.then();
	}

	/** Records that an exception was raised. */
	Mono<Void> raised(DeliveryExceptionRaised raised) {
		requireIds(raised.exceptionId(), raised.eventId(), "exception id");
		var update = new Update();
		setIfKnown(update, "shipmentId", raised.shipmentId());
		setIfKnown(update, "carrier", raised.carrier());
		setIfKnown(update, "kind", raised.kind() == null ? null : raised.kind().name());
		if (raised.occurredAt() != null) {
			update.min("raisedAt", raised.occurredAt());
		}
		return store.upsert(EXCEPTIONS, raised.exceptionId(), update)
			.filter(changed -> changed)
			.doOnNext(changed -> count("cx.delivery.exceptions.raised", "Delivery exceptions raised", "carrier",
					MetricTags.carrier(raised.carrier()), "kind", MetricTags.of(raised.kind())))
			.then();
	}

	/** Records that an exception ended (the first resolution counts), and how long it was open. */
	Mono<Void> resolved(DeliveryExceptionResolved resolved) {
		requireIds(resolved.exceptionId(), resolved.eventId(), "exception id");
		if (resolved.occurredAt() == null) {
			throw new IllegalArgumentException("DeliveryExceptionResolved " + resolved.eventId() + " tells no time");
		}
		var update = new Update().min("resolvedAt", resolved.occurredAt()).set("openSeconds", resolved.openSeconds());
		if (resolved.raisedAt() != null) {
			update.min("raisedAt", resolved.raisedAt());
		}
		setOnInsertIfKnown(update, "shipmentId", resolved.shipmentId());
		setOnInsertIfKnown(update, "carrier", resolved.carrier());
		setOnInsertIfKnown(update, "kind", resolved.kind() == null ? null : resolved.kind().name());
		return store.upsert(EXCEPTIONS, resolved.exceptionId(), update)
			.filter(changed -> changed)
			.doOnNext(changed -> Timer.builder("cx.delivery.exception.resolution")
				.description("How long delivery exceptions were open, raised to resolved")
				.tag("kind", MetricTags.of(resolved.kind()))
				.serviceLevelObjectives(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(12),
						Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(7))
				.register(meters)
				.record(Duration.ofSeconds(resolved.openSeconds())))
			.then();
	}

	/** Outbound shipments registered in {@code [from, to)}. */
	Flux<ShipmentFact> registeredBetween(Instant from, Instant to) {
		return store.find(Query.query(Criteria.where("registeredAt").gte(from).lt(to)), ShipmentFact.class, SHIPMENTS);
	}

	/** Outbound shipments delivered in {@code [from, to)}. */
	Flux<ShipmentFact> deliveredBetween(Instant from, Instant to) {
		return store.find(Query.query(Criteria.where("deliveredAt").gte(from).lt(to)), ShipmentFact.class, SHIPMENTS);
	}

	/** Shipments by id, for the sales channel of their exceptions. */
	Flux<ShipmentFact> shipments(Collection<String> shipmentIds) {
		return shipmentIds.isEmpty() ? Flux.empty()
				: store.find(Query.query(Criteria.where("_id").in(shipmentIds)), ShipmentFact.class, SHIPMENTS);
	}

	/**
	 * Exceptions raised in {@code [from, to)}, resolved in it, or raised before it and still open at
	 * its start: every exception any delivery KPI over the range needs.
	 */
	Flux<ExceptionFact> exceptionsTouching(Instant from, Instant to) {
		var raisedBeforeEnd = Criteria.where("raisedAt").lt(to);
		var notResolvedBeforeStart = new Criteria().orOperator(Criteria.where("resolvedAt").isNull(),
				Criteria.where("resolvedAt").gte(from));
		var resolvedInRange = Criteria.where("resolvedAt").gte(from).lt(to);
		return store.find(
				Query.query(new Criteria().orOperator(new Criteria().andOperator(raisedBeforeEnd, notResolvedBeforeStart),
						resolvedInRange)),
				ExceptionFact.class, EXCEPTIONS);
	}

	private void count(String name, String description, String... tags) {
		Counter.builder(name).description(description).tags(tags).register(meters).increment();
	}

	private static boolean isReturn(Direction direction, String returnId) {
		return direction == Direction.RETURN || returnId != null;
	}

}
