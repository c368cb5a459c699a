package dev.postpurchase.kit.lease;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Work that one instance of a service does at a time while every instance runs the same code: the
 * outbox relay of a collection, the exception checker's pass, a sweep. Each such piece of work has a
 * named lease in the service's MongoDB (collection {@value #COLLECTION}); the instance that holds it
 * renews it on every pass, and the others skip their passes. When the holder stops it gives the lease
 * up; when it dies the lease runs out after its time to live and another instance takes over.
 *
 * <p>The instances' clocks decide when a lease has run out: where they disagree by more than a fraction
 * of the time to live, two instances may both work for a moment. The work tolerates that (consumers
 * are idempotent by event id, and the passes' writes are conditional); the lease saves the repeated
 * work, it is not what keeps the data right.
 *
 * <p>{@code lease_held{lease}} is 1 on the instance that holds the lease, 0 on the others.
 */
public class Leases {

	/** Where the leases are kept, one document per lease: {@code _id} its name, its holder, until when. */
	public static final String COLLECTION = "leases";

	/** The shortest time to live: long enough for a pass, short enough that a takeover is quick. */
	static final Duration SHORTEST = Duration.ofSeconds(10);

	private static final Logger log = LoggerFactory.getLogger(Leases.class);

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	private final MeterRegistry meters;

	private final String holder;

	private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();

	public Leases(ReactiveMongoTemplate mongo, Clock clock, MeterRegistry meters) {
		this(mongo, clock, meters, "pid-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
	}

	Leases(ReactiveMongoTemplate mongo, Clock clock, MeterRegistry meters, String holder) {
		this.mongo = mongo;
		this.clock = clock;
		this.meters = meters;
		this.holder = holder;
	}

	/** The time to live for work done every {@code interval}: three intervals, at least {@link #SHORTEST}. */
	public static Duration timeToLive(Duration interval) {
		var three = interval.multipliedBy(3);
		return three.compareTo(SHORTEST) > 0 ? three : SHORTEST;
	}

	/**
	 * Takes the lease when it is free or has run out, or renews it when this instance holds it, for
	 * {@code timeToLive} from now; emits whether this instance holds it.
	 */
	public Mono<Boolean> acquire(String name, Duration timeToLive) {
		var now = clock.instant();
		var takeable = Query.query(Criteria.where("_id")
			.is(name)
			.orOperator(Criteria.where("holder").is(holder), Criteria.where("until").lte(Date.from(now))));
		var update = new Update().set("holder", holder).set("until", Date.from(now.plus(timeToLive)));
		// held by another instance and not run out: the upsert's insert of the same _id is refused
		return mongo
			.findAndModify(takeable, update, FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class,
					COLLECTION)
			.map(lease -> holder.equals(lease.getString("holder")))
			.onErrorResume(DuplicateKeyException.class, ex -> Mono.just(false))
			.defaultIfEmpty(false)
			.doOnNext(holds -> record(name, holds));
	}

	/** Gives the lease up, if this instance holds it, so another can take over at once. */
	public Mono<Void> release(String name) {
		return mongo.remove(Query.query(Criteria.where("_id").is(name).and("holder").is(holder)), COLLECTION)
			.doOnSuccess(removed -> record(name, false))
			.then();
	}

	private void record(String name, boolean holds) {
		var state = held.computeIfAbsent(name, lease -> {
			var value = new AtomicInteger();
			Gauge.builder("lease.held", value, AtomicInteger::get)
				.description("Whether this instance holds the lease: 1 for the one doing the work, 0 for the others")
				.tag("lease", lease)
				.register(meters);
			return value;
		});
		if (state.getAndSet(holds ? 1 : 0) != (holds ? 1 : 0)) {
			log.info("{} the lease {}", holds ? "Took" : "Gave up or lost", name);
		}
	}

}
