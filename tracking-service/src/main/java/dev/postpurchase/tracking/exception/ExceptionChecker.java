package dev.postpurchase.tracking.exception;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.kit.outbox.OutboxRelay;
import dev.postpurchase.kit.lease.Leases;
import dev.postpurchase.kit.schedule.PeriodicTask;
import dev.postpurchase.tracking.shipment.Shipment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Raises the exceptions time brings (see {@link TimeRules}). Each run reads only the shipments whose
 * indexed {@code nextCheckAt} has come, oldest first, at most a batch: its cost follows what is due,
 * not how many shipments there are. A raise is part of the shipment's version-checked save, so when
 * several instances check the same shipment at once one save wins; the others fail their optimistic
 * lock, read the document again and find the exception already open. With several instances, one
 * checks at a time (the holder of the lease {@code exception-checker}), so the cost is paid once.
 */
@Component
public class ExceptionChecker extends PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(ExceptionChecker.class);

	private static final Retry ON_CONCURRENT_CHANGE = Retry.max(10)
		.filter(OptimisticLockingFailureException.class::isInstance);

	private final ReactiveMongoTemplate mongo;

	private final TimeRules rules;

	private final ExceptionSettings settings;

	private final OutboxRelay relay;

	private final Clock clock;

	private final Timer runs;

	private final Counter checked;

	private final MeterRegistry meters;

	ExceptionChecker(ReactiveMongoTemplate mongo, TimeRules rules, ExceptionSettings settings, OutboxRelay relay,
			Clock clock, MeterRegistry meters, Leases leases) {
		super(settings.checkInterval(), "Exception check failed, retrying on the next run", leases, "exception-checker");
		this.mongo = mongo;
		this.rules = rules;
		this.settings = settings;
		this.relay = relay;
		this.clock = clock;
		this.meters = meters;
		this.runs = Timer.builder("tracking.checker.runs").description("Exception checker runs").register(meters);
		this.checked = Counter.builder("tracking.checker.items.checked")
			.description("Due shipments the exception checker read")
			.register(meters);
	}

	/** What one run did: the shipments it read (all of them due) and the exceptions it raised. */
	public record Run(List<String> checked, int raised) {

	}

	/** One run over what is due now; callable directly (tests, an operator), whatever the schedule. */
	public Mono<Run> runOnce() {
		var now = clock.instant();
		var due = Query.query(Criteria.where("nextCheckAt").lte(now))
			.with(Sort.by("nextCheckAt"))
			.limit(settings.batchSize());
		var sample = Timer.start(meters);
		return mongo.find(due, Shipment.class)
			.flatMap(shipment -> check(shipment, now).map(raised -> new Run(List.of(shipment.key().id()), raised)),
					settings.concurrency())
			.reduce(new Run(List.of(), 0),
					(total, one) -> new Run(concat(total.checked(), one.checked()), total.raised() + one.raised()))
			.doOnNext(run -> {
				checked.increment(run.checked().size());
				if (run.raised() > 0) {
					relay.wakeUp();
					log.info("Exception checker raised {} exception(s) on {} due shipment(s)", run.raised(),
							run.checked().size());
				}
			})
			.doFinally(signal -> sample.stop(runs));
	}

	/** Raises what is due on one shipment; on a concurrent change, reads it again and decides again. */
	private Mono<Integer> check(Shipment loaded, Instant now) {
		var first = new AtomicBoolean(true);
		return Mono.defer(() -> first.getAndSet(false) ? Mono.just(loaded)
				: mongo.findById(loaded.key().id(), Shipment.class))
			.flatMap(shipment -> {
				List<ExceptionKind> raised = rules.raiseDue(shipment, now, clock);
				if (raised.isEmpty() && java.util.Objects.equals(rules.nextCheck(shipment), shipment.nextCheckAt())) {
					return Mono.just(0);
				}
				// the save recomputes nextCheckAt (NextCheckSchedule) and fails if anyone saved meanwhile
				return mongo.save(shipment).thenReturn(raised.size());
			})
			.retryWhen(ON_CONCURRENT_CHANGE)
			.defaultIfEmpty(0);
	}

	private static List<String> concat(List<String> a, List<String> b) {
		var all = new java.util.ArrayList<String>(a.size() + b.size());
		all.addAll(a);
		all.addAll(b);
		return all;
	}

	@Override
	protected Mono<Run> runPass() {
		return runOnce();
	}

	@Override
	public synchronized void start() {
		if (!isRunning()) {
			super.start();
			log.info("Exception checker started (every {})", settings.checkInterval());
		}
	}

}
