package dev.postpurchase.metrics.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.kit.web.Problems;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Recomputes every fact from the topics' beginning into a fresh generation (see {@link FactStore}),
 * then makes it the one the KPIs are read from and drops the old one. Meanwhile the KPIs keep being
 * served from the old generation, and live events are written to both.
 *
 * <p>One rebuild runs at a time across all instances: the one that claims the next generation in
 * {@code kpi_generations} runs it and reports its progress there. If its instance dies, the claim goes
 * stale after {@code metrics.rebuild.stale} and a new rebuild may start (the half-filled generation is
 * dropped). The replay reads each partition up to its end as it was when the replay started; what
 * comes later the live listeners write to both generations; erasures are replayed after every other
 * event, so no replayed order brings back what an erasure removed. Records that cannot be read or kept (the
 * ones the live listeners sent to the dead-letter topics) are skipped and counted.
 */
@Component
public class KpiRebuild {

	private static final Logger log = LoggerFactory.getLogger(KpiRebuild.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration WRITE = Duration.ofSeconds(30);

	private static final int CONCURRENCY = 8;

	private final ReactiveMongoTemplate mongo;

	private final FactStore store;

	private final List<FactProjection> projections;

	private final ConsumerFactory<?, ?> consumers;

	private final KpiSettings.Rebuild settings;

	private final Clock clock;

	KpiRebuild(ReactiveMongoTemplate mongo, FactStore store, List<FactProjection> projections,
			ConsumerFactory<?, ?> consumers, KpiSettings settings, Clock clock) {
		this.mongo = mongo;
		this.store = store;
		this.projections = projections;
		this.consumers = consumers;
		this.settings = settings.rebuild();
		this.clock = clock;
	}

	/**
	 * Claims the next generation and starts filling it in the background.
	 * @param acceptTruncated go on when Kafka no longer keeps a topic's whole history (its retention
	 *     dropped old records): the new facts then miss what the old ones knew of those records, so by
	 *     default such a rebuild fails with {@code HistoryTruncated} and changes nothing
	 * @return the status as the rebuild starts; 409 when another rebuild is running
	 */
	public Mono<RebuildStatus> start(boolean acceptTruncated) {
		return mongo.findById(FactStore.FACTS, Document.class, FactStore.GENERATIONS)
			.defaultIfEmpty(new Document())
			.flatMap(current -> claim(current, acceptTruncated))
			.switchIfEmpty(Mono.error(() -> Problems.conflict("A rebuild is running; see its progress at GET")))
			.doOnNext(claimed -> {
				log.info("KPI rebuild into fact generation {} starting", claimed.getInteger("building"));
				Mono.fromRunnable(() -> run(claimed))
					.subscribeOn(Schedulers.boundedElastic())
					.subscribe(null, failed -> log.error("KPI rebuild failed", failed));
			})
			.map(RebuildStatus::of);
	}

	/** Where the facts are: the active generation, and a running rebuild's progress or the last one's result. */
	public Mono<RebuildStatus> status() {
		return mongo.findById(FactStore.FACTS, Document.class, FactStore.GENERATIONS)
			.map(RebuildStatus::of)
			.defaultIfEmpty(RebuildStatus.of(new Document()));
	}

	private Mono<Document> claim(Document current, boolean acceptTruncated) {
		var now = clock.instant();
		int last = current.getInteger("last", current.getInteger("active", 0));
		var free = new Criteria().orOperator(
				new Criteria().andOperator(Criteria.where("building").isNull(), Criteria.where("retiring").isNull()),
				Criteria.where("heartbeatAt").lt(now.minus(settings.stale())));
		var query = Query.query(Criteria.where("_id").is(FactStore.FACTS).and("last").is(current.get("last")))
			.addCriteria(free);
		var update = new Update().set("last", last + 1)
			.set("building", last + 1)
			.set("abandoned", current.get("building"))
			.set("retiring", current.get("retiring"))
			.set("startedAt", now)
			.set("heartbeatAt", now)
			.set("records", 0L)
			.set("skipped", 0L)
			.set("acceptTruncated", acceptTruncated)
			.unset("finishedAt")
			.unset("failure")
			.setOnInsert("active", 0);
		return mongo
			.findAndModify(query, update, FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class,
					FactStore.GENERATIONS)
			// the document changed since we read it, or another rebuild runs: not ours to start
			.onErrorResume(DuplicateKeyException.class, taken -> Mono.empty());
	}

	private void run(Document claimed) {
		int target = claimed.getInteger("building");
		Integer abandoned = claimed.getInteger("abandoned");
		Integer retiring = claimed.getInteger("retiring");
		var records = new AtomicLong();
		var skipped = new AtomicLong();
		try {
			if (abandoned != null) {
				drop(abandoned);
			}
			if (retiring != null) {
				drop(retiring);
			}
			drop(target);
			store.refresh().block(WRITE);
			store.index(target).block(WRITE);
			pause(); // every instance now writes live events to the new generation too
			replay(target, claimed.getBoolean("acceptTruncated", false), records, skipped);
			int previous = claimed.getInteger("active", 0);
			finish(target, previous, records.get(), skipped.get());
			pause(); // every instance now reads the new generation
			drop(previous);
			retired(target);
			log.info("KPI rebuild done: generation {} active, {} records replayed, {} skipped", target, records,
					skipped);
		}
		catch (RuntimeException failed) {
			log.error("KPI rebuild into generation {} failed after {} records: {}", target, records, failed.toString());
			var undo = new Update().unset("building").set("failure", failed.getClass().getSimpleName())
				.set("finishedAt", clock.instant());
			var undone = mongo
				.updateFirst(Query.query(Criteria.where("_id").is(FactStore.FACTS).and("building").is(target)), undo,
						FactStore.GENERATIONS)
				.block(WRITE);
			store.refresh().block(WRITE);
			if (undone != null && undone.getModifiedCount() > 0) {
				drop(target); // never the active one: once it is, the old one is left for the next rebuild to drop
			}
		}
	}

	private void replay(int target, boolean acceptTruncated, AtomicLong records, AtomicLong skipped) {
		var topics = new TreeSet<String>();
		projections.forEach(projection -> topics.addAll(projection.topics()));
		var properties = new Properties();
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
		try (Consumer<?, ?> consumer = consumers.createConsumer(null, "cx-metrics-rebuild", null, properties)) {
			var partitions = new ArrayList<TopicPartition>();
			topics.forEach(topic -> consumer.partitionsFor(topic)
				.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition()))));
			consumer.assign(partitions);
			var truncated = consumer.beginningOffsets(partitions).entrySet().stream().filter(start -> start.getValue() > 0).toList();
			if (!truncated.isEmpty()) {
				log.warn("Kafka no longer keeps the whole history of {}", truncated);
				if (!acceptTruncated) {
					throw new HistoryTruncated();
				}
			}
			var ends = new HashMap<>(consumer.endOffsets(partitions));
			// erasures last: what an erasure removes, no order replayed after it brings back
			var erasures = partitions.stream().filter(partition -> partition.topic().equals(Topics.CUSTOMER_ERASURE)).toList();
			var events = partitions.stream().filter(partition -> !erasures.contains(partition)).toList();
			for (var phase : List.of(events, erasures)) {
				consumer.assign(phase);
				consumer.seekToBeginning(phase);
				replay(consumer, phase, ends, target, records, skipped);
			}
		}
	}

	private void replay(Consumer<?, ?> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> ends,
			int target, AtomicLong records, AtomicLong skipped) {
		var heartbeat = clock.instant();
		while (true) {
			var pending = partitions.stream().filter(partition -> consumer.position(partition) < ends.get(partition)).toList();
			if (pending.isEmpty()) {
				return;
			}
			consumer.pause(partitions.stream().filter(partition -> !pending.contains(partition)).toList());
			var batch = new ArrayList<ConsumerRecord<?, ?>>();
			consumer.poll(POLL).forEach(record -> {
				if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
					batch.add(record);
				}
			});
			Flux.fromIterable(batch)
				.flatMap(record -> replay(record.value(), target).doOnNext(kept -> {
					records.incrementAndGet();
					if (!kept) {
						skipped.incrementAndGet();
					}
				}), CONCURRENCY)
				.blockLast(WRITE);
			if (Duration.between(heartbeat, clock.instant()).compareTo(Duration.ofSeconds(5)) >= 0) {
				heartbeat = clock.instant();
				progress(target, records.get(), skipped.get());
			}
		}
	}

	/** Applies one replayed event to every projection; {@code false} when it could not be kept. */
	private Mono<Boolean> replay(Object event, int target) {
		if (event == null) {
			return Mono.just(false); // unreadable: the live listener sent it to the dead-letter topic
		}
		return Flux.fromIterable(projections)
			.concatMap(projection -> Mono.defer(() -> projection.apply(event))
				.thenReturn(true)
				.onErrorResume(broken -> broken instanceof IllegalArgumentException
						|| broken instanceof ArithmeticException, broken -> Mono.just(false)))
			.all(kept -> kept)
			.contextWrite(context -> context.put(FactStore.REPLAY, target));
	}

	private void progress(int target, long records, long skipped) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(FactStore.FACTS).and("building").is(target)),
				new Update().set("heartbeatAt", clock.instant()).set("records", records).set("skipped", skipped),
				FactStore.GENERATIONS).block(WRITE);
	}

	private void finish(int target, int previous, long records, long skipped) {
		mongo
			.findAndModify(Query.query(Criteria.where("_id").is(FactStore.FACTS).and("building").is(target)),
					new Update().set("active", target)
						.unset("building")
						.unset("abandoned")
						.set("retiring", previous)
						.set("heartbeatAt", clock.instant())
						.set("records", records)
						.set("skipped", skipped),
					Document.class, FactStore.GENERATIONS)
			.blockOptional(WRITE)
			.orElseThrow(() -> new IllegalStateException("The rebuild's claim on generation " + target + " was lost"));
		store.refresh().block(WRITE);
	}

	/** The old generation is gone: the rebuild is over. */
	private void retired(int target) {
		mongo.updateFirst(Query.query(Criteria.where("_id").is(FactStore.FACTS).and("active").is(target)),
				new Update().unset("retiring").set("finishedAt", clock.instant()), FactStore.GENERATIONS).block(WRITE);
	}

	private void pause() {
		try {
			Thread.sleep(settings.poll().multipliedBy(2).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/** Drops a generation's collections; those never created (no fact of their kind yet) are left alone. */
	private void drop(int target) {
		var names = store.collections(target);
		mongo.getCollectionNames()
			.filter(names::contains)
			.concatMap(mongo::dropCollection)
			.then()
			.block(WRITE);
	}

	/** A topic's retention has dropped records the facts were built from. */
	static final class HistoryTruncated extends RuntimeException {

		HistoryTruncated() {
			super("Kafka no longer keeps the whole history; rebuild with acceptTruncated to go on");
		}

	}

	/**
	 * Where the facts are.
	 * @param running whether a rebuild is running (filling the new generation, or dropping the old one)
	 * @param active the generation the KPIs are read from
	 * @param building the generation a running rebuild fills, or {@code null}
	 * @param records events replayed so far (or in the last rebuild)
	 * @param skipped of those, the ones that could not be read or kept
	 * @param failure why the last rebuild failed, or {@code null}
	 */
	public record RebuildStatus(boolean running, int active, Integer building, Instant startedAt, Instant finishedAt, long records,
			long skipped, String failure) {

		static RebuildStatus of(Document document) {
			var running = document.getInteger("building") != null || document.getInteger("retiring") != null;
			return new RebuildStatus(running, document.getInteger("active", 0),
					document.getInteger("building"),
					instant(document.get("startedAt")), instant(document.get("finishedAt")),
					document.get("records", Number.class) == null ? 0 : document.get("records", Number.class).longValue(),
					document.get("skipped", Number.class) == null ? 0 : document.get("skipped", Number.class).longValue(),
					document.getString("failure"));
		}

		private static Instant instant(Object value) {
			return value instanceof java.util.Date date ? date.toInstant() : null;
		}

	}

}
