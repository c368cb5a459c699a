package dev.postpurchase.order.orders;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.order.OrderCancelled.CancelReason;
import dev.postpurchase.contracts.order.ReplacementOf;
import dev.postpurchase.contracts.returns.ExchangeRequested;
import dev.postpurchase.kit.outbox.OutboxRelay;
import dev.postpurchase.kit.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The order commands, one implementation whatever the way in (REST, Shopify, Kafka). Each change is
 * one write of the order document with its outbox; concurrent changes to one order are serialized by
 * optimistic locking and retried.
 */
@Service
public class OrderManagement {

	private static final Logger log = LoggerFactory.getLogger(OrderManagement.class);

	private static final Retry ON_CONCURRENT_CHANGE = Retry.max(10)
		.filter(OptimisticLockingFailureException.class::isInstance);

	private final Orders orders;

	private final OutboxRelay relay;

	private final OrderSettings settings;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ApplicationEventPublisher publisher;

	OrderManagement(Orders orders, OutboxRelay relay, OrderSettings settings, Clock clock, MeterRegistry meters,
			ApplicationEventPublisher publisher) {
		this.orders = orders;
		this.relay = relay;
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
		this.publisher = publisher;
	}

	/**
	 * Places an order, once: the same platform order placed again returns the stored one and publishes
	 * nothing. {@code via} is the way it came in (api, shopify, kafka), a metric tag.
	 */
	public Mono<Placement> place(InboundOrder in, String via) {
		var problems = new ArrayList<>(OrderValidation.problems(in));
		if (in != null && Replacement.isReserved(in.source())) {
			problems.add("source: " + Replacement.SOURCE + " is reserved for the replacement orders of exchanges");
		}
		if (!problems.isEmpty()) {
			return Mono.error(new InvalidOrderException(problems));
		}
		return store(OrderId.of(in.source(), in.externalOrderId()), in, null, via);
	}

	/**
	 * Places the replacement order of an exchange (see {@link Replacement}), once per return: the same
	 * request again, or another one for the same return, returns the stored order and publishes
	 * nothing.
	 *
	 * @return the placement; {@link UnservableExchangeException} when the original order is unknown or
	 *         erased or the request does not fit it
	 */
	public Mono<Placement> placeReplacement(ExchangeRequested exchange) {
		if (exchange.orderId() == null || exchange.orderId().isBlank() || exchange.returnId() == null
				|| exchange.returnId().isBlank()) {
			return Mono.error(new UnservableExchangeException("Exchange " + exchange.eventId()
					+ ": orderId and returnId are required"));
		}
		var originalId = new OrderId(exchange.orderId());
		var id = Replacement.idOf(exchange.returnId());
		return orders.findById(id.value())
			.map(existing -> {
				log.info("Replacement order {} for return {} exists already", id, exchange.returnId());
				return new Placement(existing, false);
			})
			.switchIfEmpty(Mono.defer(() -> orders.findById(originalId.value())
				.switchIfEmpty(Mono.error(() -> new UnservableExchangeException("Exchange for return "
						+ exchange.returnId() + ": order " + originalId + " is not known")))
				.flatMap(original -> {
					var replacement = Replacement.of(original, exchange);
					var problems = OrderValidation.problems(replacement);
					if (!problems.isEmpty()) {
						return Mono.error(new InvalidOrderException(problems));
					}
					return store(id, replacement, new ReplacementOf(originalId.value(), exchange.returnId()),
							"exchange");
				})));
	}

	/** Stores a validated order with its OrderPlaced; an order stored before is returned as it is. */
	private Mono<Placement> store(OrderId id, InboundOrder in, ReplacementOf replacementFor, String via) {
		var order = Order.place(id, in, in.promise() != null ? in.promise() : defaultPromise(in), replacementFor,
				clock);
		return orders.save(order)
			.map(saved -> {
				Counter.builder("orders.received")
					.description("Orders accepted, by how they came in (api, kafka, shopify, exchange) and sales channel")
					.tags("via", via, "channel", in.salesChannel().name())
					.register(meters)
					.increment();
				if (replacementFor == null) {
					log.info("Order {} placed via {} ({} lines)", id, via, in.lines().size());
				}
				else {
					log.info("Replacement order {} placed for return {} of order {} ({} lines)", id,
							replacementFor.returnId(), replacementFor.orderId(), in.lines().size());
				}
				relay.wakeUp(Order.COLLECTION, id.value());
				publisher.publishEvent(new OrderAccepted(id, in.source()));
				return new Placement(saved, true);
			})
			.onErrorResume(DuplicateKeyException.class, duplicate -> orders.findById(id.value())
				.map(existing -> new Placement(existing, false)));
	}

	public Mono<Order> confirm(OrderId id) {
		return change(id, "confirmed", order -> order.confirm(clock));
	}

	public Mono<Order> cancel(OrderId id, CancelReason reason) {
		return change(id, "cancelled", order -> order.cancel(reason, clock));
	}

	public Mono<Order> ship(OrderId id, FulfillmentRequest request) {
		if (request.trackingNumber() == null || request.trackingNumber().isBlank()) {
			return Mono.error(Problems.badRequest("trackingNumber: required"));
		}
		if (request.carrier() == null || request.carrier().isBlank()) {
			return Mono.error(Problems.badRequest("carrier: required"));
		}
		if (request.lines() != null) {
			for (int i = 0; i < request.lines().size(); i++) {
				var line = request.lines().get(i);
				if (line == null || line.sku() == null || line.sku().isBlank() || line.quantity() < 1) {
					return Mono.error(Problems.badRequest("lines[" + i + "]: a sku and a quantity of at least 1 required"));
				}
			}
		}
		return change(id, "shipped", order -> order.ship(request, clock));
	}

	public Mono<Contact> logContact(OrderId id, Contact contact) {
		var logged = new Contact[1];
		return change(id, "contact logged", order -> {
			logged[0] = order.logContact(contact, clock);
			return true;
		}).map(order -> logged[0]);
	}

	public Mono<Order> find(OrderId id) {
		return orders.findById(id.value());
	}

	/** Loads, changes and saves an order; saves nothing when the change reports no change. */
	private Mono<Order> change(OrderId id, String what, Predicate<Order> change) {
		return Mono.defer(() -> orders.findById(id.value())
			.switchIfEmpty(Mono.error(() -> Problems.notFound("Order " + id + " not found")))
			.flatMap(order -> change.test(order) ? orders.save(order).doOnSuccess(saved -> {
				log.info("Order {} {}", id, what);
				relay.wakeUp(Order.COLLECTION, id.value());
			}) : Mono.just(order)))
			.retryWhen(ON_CONCURRENT_CHANGE);
	}

	/** Placed + the configured days, by the end of that day in the customer's (or the store's) zone. */
	private DeliveryPromise defaultPromise(InboundOrder in) {
		ZoneId zone = in.customer().timeZone() != null ? in.customer().timeZone() : settings.storeTimeZone();
		var placed = in.placedAt() != null ? in.placedAt() : clock.instant();
		var by = placed.atZone(zone)
			.toLocalDate()
			.plusDays(settings.promise().defaultDays())
			.atTime(LocalTime.of(23, 59, 59))
			.atZone(zone)
			.toInstant();
		return new DeliveryPromise(null, by, zone);
	}

}
