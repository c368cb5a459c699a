package dev.postpurchase.returns.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.returns.ExchangeRequested;
import dev.postpurchase.contracts.returns.RefundFailed;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnApproved;
import dev.postpurchase.contracts.returns.ReturnClosed;
import dev.postpurchase.contracts.returns.ReturnInTransit;
import dev.postpurchase.contracts.returns.ReturnLabelIssued;
import dev.postpurchase.contracts.returns.ReturnLine;
import dev.postpurchase.contracts.returns.ReturnMethod;
import dev.postpurchase.contracts.returns.ReturnOutcome;
import dev.postpurchase.contracts.returns.ReturnReceived;
import dev.postpurchase.contracts.returns.ReturnReceived.Condition;
import dev.postpurchase.contracts.returns.ReturnRejected;
import dev.postpurchase.contracts.returns.ReturnRequested;
import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.returns.order.OrderFacts;
import dev.postpurchase.returns.order.MinorUnits;
import dev.postpurchase.returns.order.Orders;
import dev.postpurchase.returns.payment.PaymentException;
import dev.postpurchase.returns.payment.RefundOrder;
import dev.postpurchase.returns.payment.StripeRefunds;
import dev.postpurchase.returns.policy.Eligibility;
import dev.postpurchase.returns.policy.RefundCalculator;
import dev.postpurchase.returns.policy.RequestedLine;
import dev.postpurchase.returns.policy.Returnable;
import dev.postpurchase.returns.policy.ReturnPolicy;
import dev.postpurchase.returns.request.CustomerReturn.Inspected;
import dev.postpurchase.returns.request.CustomerReturn.Line;
import dev.postpurchase.returns.request.CustomerReturn.Refund;
import reactor.core.publisher.Mono;

/**
 * The lifecycle of returns: a request is checked against the order and the policy, approved by the
 * policy or an agent, its parcel followed back by the carrier's scans, received, and settled
 * (refunded through the payment provider, credited, or exchanged) and closed, without anyone
 * chasing it. Every step is one conditional write with its events ({@link Returns}). Logs ids only.
 */
@Component
public class ReturnDesk {

	private static final Logger log = LoggerFactory.getLogger(ReturnDesk.class);

	/** How long one refund attempt may take before the retry pass may take it over. */
	private static final Duration REFUND_LEASE = Duration.ofMinutes(2);

	/** Who acts when nobody does: the return policy. */
	static final String POLICY = "policy";

	private final Returns returns;

	private final Orders orders;

	private final Eligibility eligibility;

	private final RefundCalculator calculator;

	private final ReturnPolicy policy;

	private final Labels labels;

	private final Reservations reservations;

	private final StripeRefunds payments;

	private final ReturnMetrics metrics;

	private final Clock clock;

	ReturnDesk(Returns returns, Orders orders, Eligibility eligibility, RefundCalculator calculator, ReturnPolicy policy,
			Labels labels, Reservations reservations, StripeRefunds payments, ReturnMetrics metrics, Clock clock) {
		this.returns = returns;
		this.orders = orders;
		this.eligibility = eligibility;
		this.calculator = calculator;
		this.policy = policy;
		this.labels = labels;
		this.reservations = reservations;
		this.payments = payments;
		this.metrics = metrics;
		this.clock = clock;
	}

	/** A return request's result: the return, and whether this request made it (else a repeat found it). */
	public record Requested(CustomerReturn customerReturn, boolean created) {
	}

	/**
	 * Takes a return request: 404 when the order is not known here, 422 naming every rule it breaks;
	 * else stored REQUESTED and, when the policy approves it by itself, approved at once. With an
	 * idempotency key (the caller's name for this one request) the return's id is derived from the
	 * order and the key, so a repeat of the request (a retry after a timeout, a form sent twice)
	 * answers with the return the first made instead of making another. Once taken, a request runs to
	 * its end even if its caller has gone: a return is never left half-way, stored but not approved.
	 */
	public Mono<Requested> request(NewReturn asked, String by, String idempotencyKey) {
		var request = asked.validated();
		if (idempotencyKey == null) {
			return detached(submit(request, by, Returns.newId())).map(created -> new Requested(created, true));
		}
		var id = Returns.idFor(request.orderId(), idempotencyKey);
		return returns.find(id)
			.map(existing -> new Requested(existing, false))
			.switchIfEmpty(Mono.defer(() -> detached(submit(request, by, id)).map(created -> new Requested(created, true))))
			// the first request of this key got there meanwhile (its reservation refuses this one, or the id is taken)
			.onErrorResume(ex -> returns.find(id).map(existing -> new Requested(existing, false))
				.switchIfEmpty(Mono.error(ex)));
	}

	/** Runs to its end whether or not the subscriber stays (a caller that went away cancels nothing). */
	private static <T> Mono<T> detached(Mono<T> work) {
		return Mono.fromFuture(work.toFuture(), true);
	}

	private Mono<CustomerReturn> submit(NewReturn request, String by, String id) {
		return known(request.orderId())
			.flatMap(order -> taken(order.orderId()).flatMap(returned -> {
				var wanted = request.lines().stream().map(item -> new RequestedLine(item.sku(), item.quantity())).toList();
				var violations = eligibility.check(order, wanted, returned, clock.instant());
				if (!violations.isEmpty()) {
					return Mono.error(ineligible(violations));
				}
				var created = created(order, request, by, id);
				metrics.requested(created);
				log.info("Return {} of order {} requested ({}, {}, {})", created.id(), order.orderId(), created.reason(),
						created.outcome(), created.method());
				return reservations.reserve(order, wanted)
					.flatMap(reserved -> reserved ? returns.create(created)
							: Mono.error(ineligible(List.of(new dev.postpurchase.returns.policy.Violation(
									dev.postpurchase.returns.policy.Violation.QUANTITY_EXCEEDED, null,
									"Another return of this order took these items a moment ago")))))
					.flatMap(saved -> calculator.autoApproves(order, wanted) ? approve(saved.id(), POLICY) : Mono.just(saved));
			}));
	}

	/**
	 * What of an order can be returned now, item by item, by the same rules and counts a
	 * {@link #request} is checked with: a request passes exactly when it names eligible items and at
	 * most their {@link Returnable#returnable()}. 404 when the order is not known here, like a request.
	 */
	public Mono<ReturnableOrder> returnable(String orderId) {
		return known(orderId).flatMap(order -> taken(order.orderId())
			.map(returned -> new ReturnableOrder(order, eligibility.returnable(order, returned, clock.instant()))));
	}

	private Mono<OrderFacts> known(String orderId) {
		return orders.find(orderId)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("Order " + orderId + " is not known here")));
	}

	/**
	 * How many of each sku of the order are no longer free to return: returned or being returned by
	 * its returns, or reserved by requests (a request that reserved but failed to store its return
	 * keeps its reservation), whichever is more. A request is refused beyond either count, so this is
	 * the one both the check of a request and the preview count with.
	 */
	private Mono<Map<String, Integer>> taken(String orderId) {
		return Mono.zip(returns.returnedQuantities(orderId), reservations.reserved(orderId), (returned, reserved) -> {
			var taken = new HashMap<>(returned);
			reserved.forEach((sku, count) -> taken.merge(sku, count, Math::max));
			return (Map<String, Integer>) taken;
		});
	}

	private CustomerReturn created(OrderFacts order, NewReturn request, String by, String id) {
		var now = clock.instant();
		var lines = request.lines().stream().map(item -> {
			var ordered = order.linesOf(item.sku()).get(0);
			return new Line(item.sku(), ordered.name(), item.quantity(), ordered.unitPriceMinor(), order.currency(),
					request.outcome() == ReturnOutcome.EXCHANGE ? item.exchangeSku() : null);
		}).toList();
		var requested = new ReturnRequested(UUID.randomUUID(), order.orderId(), now, id, order.customerId(),
				lines.stream().map(line -> contractLine(line, request.reason())).toList(), request.reason(),
				request.comment(), request.outcome(), request.method(), order.salesChannel());
		return new CustomerReturn(id, order.orderId(), order.customerId(), order.salesChannel(), lines, request.reason(),
				request.comment(), request.outcome(), request.method(), ReturnState.REQUESTED, false, null, null, null,
				null, null, now, now, null, null,
				new ArrayList<>(List.of(new CustomerReturn.Transition(ReturnState.REQUESTED, now, by))), new ArrayList<>(),
				new ArrayList<>(List.of(dev.postpurchase.kit.outbox.OutboxEntry.of(requested))));
	}

	private static ReturnLine contractLine(Line line, dev.postpurchase.contracts.returns.ReturnReason reason) {
		return new ReturnLine(line.sku(), line.quantity(), MinorUnits.toMoney(line.unitPriceMinor(), line.currency()), reason,
				line.exchangeSku());
	}

	/** An agent (or the policy) approves: a mail-in return gets its label in the same step. */
	public Mono<CustomerReturn> approve(String id, String by) {
		return returns.find(id)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("Return " + id + " not found")))
			.flatMap(found -> {
				var now = clock.instant();
				var automatic = POLICY.equals(by);
				var label = found.method() == ReturnMethod.MAIL_IN
						? labels.issue(found.id(), found.orderId(), policy.labelCarrier()) : null;
				var events = new ArrayList<Event>();
				events.add(new ReturnApproved(UUID.randomUUID(), found.orderId(), now, found.id(), found.customerId(),
						found.method(), label == null ? null
								: new ReturnApproved.ReturnLabel(label.carrier(), label.trackingNumber(), label.labelUrl()),
						automatic, automatic ? null : by));
				var path = new ArrayList<>(List.of(ReturnState.APPROVED));
				if (label != null) {
					events.add(new ReturnLabelIssued(UUID.randomUUID(), found.orderId(), now, found.id(),
							found.customerId(), label.carrier(), label.trackingNumber(), label.labelUrl()));
					path.add(ReturnState.LABEL_ISSUED);
				}
				var changes = new Update().set("automatic", automatic).set("decidedBy", by);
				if (label != null) {
					changes.set("label", label);
				}
				return returns.through(id, path, by, changes, events)
					.doOnNext(approved -> log.info("Return {} approved{}", id, automatic ? " by the policy" : ""));
			});
	}

	/** An agent rejects, with the reason the customer is told. */
	public Mono<CustomerReturn> reject(String id, String by, String reason) {
		if (reason == null || reason.isBlank()) {
			return Mono.error(Problems.badRequest("reason: required"));
		}
		return returns.find(id)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("Return " + id + " not found")))
			.flatMap(found -> returns.move(id, ReturnState.REJECTED, by,
					new Update().set("decidedBy", by).set("rejection", reason),
					List.of(new ReturnRejected(UUID.randomUUID(), found.orderId(), clock.instant(), id,
							found.customerId(), "AGENT", reason, by))))
			.flatMap(rejected -> reservations.release(rejected.orderId(), rejected.lines()).thenReturn(rejected));
	}

	/** The carrier scanned the return parcel on its way: in transit (once). */
	public Mono<CustomerReturn> inTransit(String id, UUID scanEventId) {
		return returns.find(id).flatMap(found -> found.label() == null ? Mono.empty()
				: returns.throughOnce(id, List.of(ReturnState.IN_TRANSIT), scanEventId, null,
						List.of(new ReturnInTransit(UUID.randomUUID(), found.orderId(), clock.instant(), id,
								found.label().carrier(), found.label().trackingNumber()))));
	}

	/**
	 * The carrier delivered the return parcel to the warehouse. With automatic inspection every item
	 * counts as received in order and the return is settled; with manual inspection it waits for the
	 * warehouse's {@link #receive}.
	 */
	public Mono<CustomerReturn> delivered(String id, UUID scanEventId) {
		if (policy.inspection() == ReturnPolicy.Inspection.MANUAL) {
			log.info("Return {} arrived at the warehouse: waiting for inspection", id);
			return returns.find(id);
		}
		return returns.find(id).flatMap(found -> received(found, found.lines().stream()
			.map(line -> new Inspected(line.sku(), line.quantity(), Condition.OK))
			.toList(), "carrier", scanEventId));
	}

	/** The warehouse received and inspected a return; every item of the return must be accounted for. */
	public Mono<CustomerReturn> receive(String id, List<Inspected> inspection, String by) {
		return returns.find(id)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("Return " + id + " not found")))
			.flatMap(found -> {
				if (!ReturnState.before(ReturnState.RECEIVED).contains(found.state())) {
					return Mono.error(Problems.conflict("Return " + id + " is " + found.state() + ": it cannot be received"));
				}
				var expected = found.lines().stream().collect(Collectors.toMap(Line::sku, Line::quantity));
				var got = new java.util.HashMap<String, Integer>();
				var errors = new ArrayList<String>();
				for (int i = 0; inspection != null && i < inspection.size(); i++) {
					var line = inspection.get(i);
					if (line == null || line.sku() == null || !expected.containsKey(line.sku())) {
						errors.add("lines[" + i + "].sku: not in this return");
						continue;
					}
					if (line.quantity() < 1 || line.condition() == null) {
						errors.add("lines[" + i + "]: quantity at least 1 and a condition (OK, DAMAGED, MISSING)");
						continue;
					}
					got.merge(line.sku(), line.quantity(), Integer::sum);
				}
				if (errors.isEmpty() && !got.equals(expected)) {
					errors.add("lines: every item of the return, each exactly once: expected " + expected);
				}
				if (!errors.isEmpty()) {
					return Mono.error(new dev.postpurchase.kit.web.InvalidInput("The inspection is not valid", errors));
				}
				return received(found, inspection, by, null);
			});
	}

	private Mono<CustomerReturn> received(CustomerReturn found, List<Inspected> inspection, String by, UUID scan) {
		var now = clock.instant();
		var event = new ReturnReceived(UUID.randomUUID(), found.orderId(), now, found.id(), inspection.stream()
			.map(line -> new ReturnReceived.InspectedLine(line.sku(), line.quantity(), line.condition()))
			.toList());
		// settled right after; if that does not happen (a crash, the order's facts missing), the retry
		// pass settles it once this lease is over
		var changes = new Update().set("inspection", inspection).set("receivedAt", now).set("settleAt",
				now.plus(REFUND_LEASE));
		var moved = scan == null ? returns.move(found.id(), ReturnState.RECEIVED, by, changes, List.of(event))
				: returns.throughOnce(found.id(), List.of(ReturnState.RECEIVED), scan, changes, List.of(event));
		return moved.flatMap(this::settle);
	}

	/** A received return ends as the customer wished: an exchange, store credit, or a refund. */
	Mono<CustomerReturn> settle(CustomerReturn received) {
		// from here on the refund's own retry (or the final move) takes over from the settlement lease
		return switch (received.outcome()) {
			case EXCHANGE -> exchange(received);
			case STORE_CREDIT, REFUND -> orders.find(received.orderId())
				.switchIfEmpty(Mono.error(() -> new IllegalStateException("Order of return " + received.id()
						+ " is not known")))
				.flatMap(order -> returns.shippingRefunded(order.orderId(), received.id())
					.flatMap(shippingDone -> {
						var breakdown = calculator.refund(order, received.inspection().stream()
							.map(line -> new ReturnReceived.InspectedLine(line.sku(), line.quantity(), line.condition()))
							.toList(), received.reason(), shippingDone);
						// due again after a lease: if this instance dies before the provider answered, the
						// retry pass takes the refund over (with the same idempotency key)
						var refund = new Refund("rfd_" + received.id().substring(4), breakdown.totalMinor(),
								breakdown.shippingMinor(), breakdown.feeMinor(), breakdown.currency(), 0, null,
								clock.instant().plus(REFUND_LEASE), null, null);
						return received.outcome() == ReturnOutcome.STORE_CREDIT ? credit(received, refund)
								: returns.note(received.id(), ReturnState.RECEIVED,
										new Update().set("refund", refund).unset("settleAt"), List.of())
									.flatMap(noted -> refund(noted, order));
					}));
		};
	}

	private Mono<CustomerReturn> exchange(CustomerReturn received) {
		var now = clock.instant();
		var sent = received.inspection().stream().filter(line -> line.condition() == Condition.OK)
			.collect(Collectors.toMap(Inspected::sku, Inspected::quantity, Integer::sum));
		var lines = received.lines().stream().filter(line -> sent.containsKey(line.sku()))
			.map(line -> new ExchangeRequested.ExchangeLine(line.sku(), line.exchangeSku(), sent.get(line.sku())))
			.toList();
		var events = new ArrayList<Event>();
		if (!lines.isEmpty()) {
			events.add(new ExchangeRequested(UUID.randomUUID(), received.orderId(), now, received.id(),
					received.customerId(), lines));
		}
		events.add(new ReturnClosed(UUID.randomUUID(), received.orderId(), now, received.id(), ReturnOutcome.EXCHANGE));
		return returns.through(received.id(), List.of(ReturnState.EXCHANGED, ReturnState.CLOSED), POLICY,
				new Update().set("closedAt", now), events)
			.doOnNext(metrics::closed);
	}

	private Mono<CustomerReturn> credit(CustomerReturn received, Refund refund) {
		var now = clock.instant();
		var issued = new Refund(refund.refundId(), refund.amountMinor(), refund.shippingMinor(), refund.feeMinor(),
				refund.currency(), 0, null, null, null, now);
		return returns.through(received.id(), List.of(ReturnState.STORE_CREDITED, ReturnState.CLOSED), POLICY,
				new Update().set("refund", issued).set("closedAt", now),
				List.of(refundIssued(received, issued, ReturnOutcome.STORE_CREDIT, null),
						new ReturnClosed(UUID.randomUUID(), received.orderId(), now, received.id(),
								ReturnOutcome.STORE_CREDIT)))
			.doOnNext(metrics::closed);
	}

	/**
	 * One attempt to refund through the payment provider, with the refund id as idempotency key: a
	 * retry never refunds twice. Success → REFUNDED and CLOSED; a transient failure → REFUND_FAILED,
	 * tried again later; a permanent one → REFUND_FAILED for an agent.
	 */
	Mono<CustomerReturn> refund(CustomerReturn received, OrderFacts order) {
		var refund = received.refund();
		if (refund.amountMinor() == 0) {
			return refunded(received, refund, null);
		}
		if (order.payment() == null) {
			return refundFailed(received, refund, new PaymentException("NO_PAYMENT_REFERENCE", true));
		}
		return payments.refund(new RefundOrder(refund.refundId(), order.payment().reference(), refund.amountMinor(),
				refund.currency(), received.id(), received.orderId()))
			.flatMap(receipt -> refunded(received, refund, receipt.providerRefundId()))
			.onErrorResume(PaymentException.class, failure -> refundFailed(received, refund, failure));
	}

	private Mono<CustomerReturn> refunded(CustomerReturn received, Refund refund, String providerRefundId) {
		var now = clock.instant();
		var issued = new Refund(refund.refundId(), refund.amountMinor(), refund.shippingMinor(), refund.feeMinor(),
				refund.currency(), refund.attempts() + (providerRefundId == null ? 0 : 1), null, null, providerRefundId,
				now);
		log.info("Return {} refunded", received.id());
		return returns.through(received.id(), List.of(ReturnState.REFUNDED, ReturnState.CLOSED), POLICY,
				new Update().set("refund", issued).set("closedAt", now),
				List.of(refundIssued(received, issued, ReturnOutcome.REFUND, providerRefundId),
						new ReturnClosed(UUID.randomUUID(), received.orderId(), now, received.id(), ReturnOutcome.REFUND)))
			.doOnNext(metrics::closed);
	}

	private Mono<CustomerReturn> refundFailed(CustomerReturn received, Refund refund, PaymentException failure) {
		var now = clock.instant();
		var attempts = refund.attempts() + 1;
		var retryAt = failure.permanent() ? null : now.plus(backoff(attempts));
		var failed = new Refund(refund.refundId(), refund.amountMinor(), refund.shippingMinor(), refund.feeMinor(),
				refund.currency(), attempts, failure.code(), retryAt, null, null);
		log.warn("Refund of return {} failed ({}), {}", received.id(), failure.code(),
				retryAt == null ? "an agent must act" : "tried again at " + retryAt);
		metrics.refundFailed(failure.code());
		return returns.move(received.id(), ReturnState.REFUND_FAILED, POLICY, new Update().set("refund", failed),
				List.of(new RefundFailed(UUID.randomUUID(), received.orderId(), now, received.id(), refund.refundId(),
						MinorUnits.toMoney(refund.amountMinor(), refund.currency()), failure.code(), attempts, retryAt != null)));
	}

	/** Tries a failed refund again: the retry pass, or an agent after fixing its cause. */
	public Mono<CustomerReturn> retryRefund(String id) {
		return returns.find(id)
			.switchIfEmpty(Mono.error(() -> Problems.notFound("Return " + id + " not found")))
			.flatMap(found -> found.state() != ReturnState.REFUND_FAILED && found.state() != ReturnState.RECEIVED
					|| found.refund() == null
							? Mono.error(Problems.conflict("Return " + id + " is " + found.state()
									+ ": there is no failed refund to try again"))
							: orders.find(found.orderId()).flatMap(order -> refund(found, order)));
	}

	private static Duration backoff(int attempts) {
		var minutes = Math.min(60, 1L << Math.min(attempts - 1, 6));
		return Duration.ofMinutes(minutes);
	}

	private RefundIssued refundIssued(CustomerReturn received, Refund refund, ReturnOutcome outcome,
			String providerRefundId) {
		return new RefundIssued(UUID.randomUUID(), received.orderId(), clock.instant(), received.id(),
				refund.refundId(), received.customerId(), MinorUnits.toMoney(refund.amountMinor(), refund.currency()), outcome,
				providerRefundId);
	}


	private static ErrorResponseException ineligible(List<dev.postpurchase.returns.policy.Violation> violations) {
		var problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "The return is not possible: "
				+ violations.stream().map(violation -> violation.rule()).distinct().collect(Collectors.joining(", ")));
		problem.getBody().setProperty("violations", violations.stream()
			.map(violation -> violation.sku() == null ? Map.of("rule", violation.rule(), "detail", violation.detail())
					: Map.of("rule", violation.rule(), "sku", violation.sku(), "detail", violation.detail()))
			.toList());
		return problem;
	}

}
