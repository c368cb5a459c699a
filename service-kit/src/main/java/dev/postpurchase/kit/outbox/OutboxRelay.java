package dev.postpurchase.kit.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaOperations;

import dev.postpurchase.kit.kafka.CloudEvents;
import dev.postpurchase.kit.lease.Leases;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes the outbox entries of the configured collections to Kafka, then removes them from their
 * document. Entries of one document (one order) are published one after the other, in the order
 * they were written; a failed publish stops that document until the next pass, so nothing is lost
 * or reordered. A crash after publishing and before removal publishes an entry again, which the
 * idempotent consumers absorb (same {@code ce_id}).
 *
 * <p>With several instances, one relays each collection at a time: the holder of its lease
 * ({@code outbox-relay:<collection>}, see {@link Leases}); the others skip it, and report a backlog of
 * 0 for it, until the holder stops or its lease runs out. Entries written on another instance wait
 * for the holder's next pass (at most {@code interval}).
 *
 * <p>A write that adds entries names its document ({@link #wakeUp(String, Object)}): the next pass
 * reads the named documents by {@code _id} only, which every MongoDB (and the in-memory one of the
 * embedded default, which uses no other index) finds at once whatever the collection's size. The
 * search for every pending entry runs on the {@code interval} tick: it finds what a crash or another
 * instance left behind.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private static final String PENDING = OutboxEntry.FIELD + ".eventId";

	/** Spring Data's optimistic-locking field of the documents with an outbox. */
	private static final String VERSION = "version";

	private final ReactiveMongoTemplate mongo;

	private final KafkaOperations<Object, Object> kafka;

	private final OutboxSettings settings;

	private final String source;

	private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();

	/** Until when (System.nanoTime) this instance surely holds each collection's lease. */
	private final Map<String, Long> heldUntil = new ConcurrentHashMap<>();

	/** Documents named by writes since the last pass, by collection. */
	private final Map<String, Queue<Object>> named = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> backlog = new ConcurrentHashMap<>();

	private final Counter published;

	private final Counter failures;

	private final Leases leases;

	private volatile Disposable loop;

	@SuppressWarnings("unchecked")
	public OutboxRelay(ReactiveMongoTemplate mongo, KafkaOperations<?, ?> kafka, OutboxSettings settings,
			String source, MeterRegistry meters, Leases leases) {
		this.mongo = mongo;
		this.leases = leases;
		this.kafka = (KafkaOperations<Object, Object>) kafka;
		this.settings = settings;
		this.source = source;
		this.published = Counter.builder("outbox.published")
			.description("Outbox entries published to Kafka and removed from their document")
			.register(meters);
		this.failures = Counter.builder("outbox.publish.failures")
			.description("Attempts to publish an outbox entry that failed (the entry stays and is retried)")
			.register(meters);
		for (var collection : settings.collections()) {
			named.put(collection, new ConcurrentLinkedQueue<>());
			Gauge.builder("outbox.backlog", backlog.computeIfAbsent(collection, c -> new AtomicLong()), AtomicLong::get)
				.description("Outbox entries waiting to be published, by collection, as of the last relay pass")
				.tag("collection", collection)
				.register(meters);
		}
	}

	/** Asks for a full pass soon, for example right after a write added entries to several documents. */
	public void wakeUp() {
		wakeUps.tryEmitNext(Boolean.TRUE);
	}

	/** Asks for a pass soon over one document, right after a write added entries to it. */
	public void wakeUp(String collection, Object id) {
		var queue = named.get(collection);
		if (queue == null) {
			throw new IllegalArgumentException("Not an outbox collection: " + collection);
		}
		queue.add(id);
		wakeUps.tryEmitNext(Boolean.FALSE);
	}

	@Override
	public synchronized void start() {
		if (loop != null) {
			return;
		}
		// a sparse index holds only documents with pending entries: finding them costs nothing when idle
		Flux.fromIterable(settings.collections())
			.concatMap(collection -> mongo.indexOps(collection)
				.createIndex(new Index().named("outbox_pending").on(PENDING, Sort.Direction.ASC).sparse()))
			.blockLast();
		// TRUE: a full pass; FALSE: the named documents only. While a pass runs, one more signal waits and
		// the others are dropped: the pass after it still finds every document named in the meantime.
		loop = Flux.merge(Flux.interval(Duration.ZERO, settings.interval()).map(tick -> Boolean.TRUE), wakeUps.asFlux())
			.onBackpressureDrop()
			// a wake-up arrives on the caller's thread (a request or driver thread): never relay there
			.publishOn(Schedulers.boundedElastic(), 1)
			.concatMap(full -> relay(full).onErrorResume(ex -> {
				log.warn("Outbox pass failed, retrying on the next one: {}", ex.toString());
				return Mono.empty();
			}), 1)
			.subscribeOn(Schedulers.boundedElastic())
			.subscribe();
		log.info("Outbox relay started for {}", settings.collections());
	}

	@Override
	public synchronized void stop() {
		if (loop != null) {
			loop.dispose();
			loop = null;
			heldUntil.clear();
			// another instance takes over at once rather than when the leases run out
			Flux.fromIterable(settings.collections()).concatMap(collection -> leases.release(lease(collection)))
				.onErrorResume(ex -> Mono.empty())
				.blockLast(Duration.ofSeconds(5));
			log.info("Outbox relay stopped");
		}
	}

	@Override
	public boolean isRunning() {
		return loop != null;
	}

	/** One full pass over every collection; emits the number of entries published. */
	public Mono<Long> relayOnce() {
		return relay(true);
	}

	private Mono<Long> relay(boolean full) {
		return Flux.fromIterable(settings.collections())
			.concatMap(collection -> relay(collection, full))
			.reduce(0L, Long::sum);
	}

	private Mono<Long> relay(String collection, boolean full) {
		var ids = drain(named.get(collection));
		if (ids.isEmpty() && !full) {
			return Mono.just(0L);
		}
		return holds(collection, full).flatMap(holds -> {
			if (!holds) {
				// the holder finds them on its next full pass
				backlog.get(collection).set(0);
				return Mono.just(0L);
			}
			var ofNamed = Flux.fromIterable(ids)
				.buffer(settings.batchSize())
				.concatMap(batch -> relay(collection, Criteria.where("_id").in(batch), batch.size()))
				.reduce(Totals.NONE, Totals::plus);
			return full ? ofNamed.flatMap(first -> relay(collection, Criteria.where(PENDING).exists(true),
					settings.batchSize())
				.map(rest -> {
					backlog.get(collection).set(rest.pending());
					return first.published() + rest.published();
				})) : ofNamed.map(Totals::published);
		});
	}

	/**
	 * Whether this instance holds the collection's lease: taken or renewed on every full pass; a pass
	 * over named documents in between trusts the last one while half its time to live is left.
	 */
	private Mono<Boolean> holds(String collection, boolean full) {
		var held = heldUntil.get(collection);
		if (!full && held != null && System.nanoTime() - held < 0) {
			return Mono.just(true);
		}
		var timeToLive = Leases.timeToLive(settings.interval());
		var asked = System.nanoTime();
		return leases.acquire(lease(collection), timeToLive).doOnNext(holds -> {
			if (holds) {
				heldUntil.put(collection, asked + timeToLive.toNanos() / 2);
			}
			else {
				heldUntil.remove(collection);
			}
		});
	}

	private static List<Object> drain(Queue<Object> queue) {
		var ids = new LinkedHashSet<Object>();
		for (var id = queue.poll(); id != null; id = queue.poll()) {
			ids.add(id);
		}
		return new ArrayList<>(ids);
	}

	private static String lease(String collection) {
		return "outbox-relay:" + collection;
	}

	/**
	 * Relays the documents the criteria find, then removes what was published from all of them in one
	 * bulk write.
	 */
	private Mono<Totals> relay(String collection, Criteria documents, int limit) {
		var query = Query.query(documents).limit(limit);
		query.fields().include(OutboxEntry.FIELD);
		return mongo.find(query, Document.class, collection)
			.flatMap(document -> relayDocument(collection, document), settings.concurrency())
			.collectList()
			.flatMap(relayed -> remove(collection, relayed).then(Mono.fromSupplier(() -> relayed.stream()
				.map(one -> new Totals(one.published().size(), one.pending()))
				.reduce(Totals.NONE, Totals::plus))));
	}

	/** What passes published, and what they left pending. */
	private record Totals(long published, long pending) {

		static final Totals NONE = new Totals(0, 0);

		Totals plus(Totals other) {
			return new Totals(published + other.published, pending + other.pending);
		}

	}

	/** A document's entries published by a pass, in order, and those still pending after it. */
	private record Relayed(Object id, List<String> published, int pending) {

	}

	/** Publishes a document's entries in order, up to the first that fails. */
	private Mono<Relayed> relayDocument(String collection, Document document) {
		var entries = document.getList(OutboxEntry.FIELD, Document.class);
		if (entries == null || entries.isEmpty()) {
			// a named document whose entries another pass published already
			return Mono.just(new Relayed(document.get("_id"), List.of(), 0));
		}
		var done = new ArrayList<String>();
		return Flux.fromIterable(entries)
			.concatMap(entry -> publish(entry).thenReturn(entry.getString("eventId")))
			.doOnNext(done::add)
			.onErrorResume(ex -> {
				failures.increment();
				log.warn("Outbox publish from {} failed, will retry: {}", collection, ex.toString());
				return Mono.empty();
			})
			.then(Mono.fromSupplier(() -> new Relayed(document.get("_id"), done, entries.size() - done.size())));
	}

	private Mono<Void> publish(Document entry) {
		var record = new ProducerRecord<Object, Object>(entry.getString("topic"), entry.getString("key"),
				entry.getString("payload"));
		CloudEvents.addHeaders(record.headers(), entry.getString("eventId"), entry.getString("type"),
				entry.getString("time"), entry.getString("key"), source);
		// send may block for topic metadata: never on a MongoDB driver thread; and continue off the
		// producer's network thread, which is the only one that can fetch that metadata
		return Mono.fromFuture(() -> kafka.send(record))
			.subscribeOn(Schedulers.boundedElastic())
			.publishOn(Schedulers.boundedElastic())
			.doOnSuccess(result -> published.increment())
			.then();
	}

	private Mono<Void> remove(String collection, List<Relayed> relayed) {
		var removals = relayed.stream().filter(one -> !one.published().isEmpty()).toList();
		if (removals.isEmpty()) {
			return Mono.empty();
		}
		var bulk = mongo.bulkOps(BulkMode.UNORDERED, collection);
		for (var one : removals) {
			// bumping the version makes a command that loaded the document before this removal fail its
			// optimistic lock and retry, instead of saving the published entries back (and publishing them again)
			bulk.updateOne(Query.query(Criteria.where("_id").is(one.id())),
					new Update().pull(OutboxEntry.FIELD, new Document("eventId", new Document("$in", one.published())))
						.inc(VERSION, 1));
		}
		return bulk.execute().then();
	}

}
