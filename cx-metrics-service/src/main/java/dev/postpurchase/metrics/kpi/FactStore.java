package dev.postpurchase.metrics.kpi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import com.mongodb.client.result.UpdateResult;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * How every KPI section keeps its facts: one document per entity, changed by one upsert per event
 * (which, written with {@code $min} and {@code $setOnInsert}, gives the same document whatever order
 * the events come in), and ascending indexes on the times the range queries use.
 *
 * <p>Facts live in <em>generations</em>: generation 0 in the collections' plain names, generation
 * {@code n} in {@code <name>_g<n>}. Reads go to the active generation. While a {@link KpiRebuild}
 * fills the next one from the topics' beginning, every live write goes to both, so the new generation
 * misses nothing when it becomes the active one. Which generations are in use is kept in
 * {@code kpi_generations} and re-read every {@code metrics.rebuild.poll}, so every instance follows.
 */
@Component
public class FactStore implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(FactStore.class);

	static final String GENERATIONS = "kpi_generations";

	static final String FACTS = "facts";

	/** Reactor context key of a rebuild's writes: they go to this generation only. */
	static final String REPLAY = FactStore.class.getName() + ".replay";

	private final ReactiveMongoTemplate mongo;

	private final Map<String, List<String>> declared = new ConcurrentHashMap<>();

	private volatile Generation generation;

	private final Disposable polling;

	FactStore(ReactiveMongoTemplate mongo, KpiSettings settings) {
		this.mongo = mongo;
		this.generation = read().block(Duration.ofSeconds(30));
		this.polling = Flux.interval(settings.rebuild().poll())
			.concatMap(tick -> read().doOnNext(read -> generation = read)
				.onErrorResume(failed -> {
					log.warn("Could not read the fact generations: {}", failed.toString());
					return Mono.empty();
				}))
			.subscribe();
	}

	@Override
	public void destroy() {
		polling.dispose();
	}

	/**
	 * Declares a fact collection and creates ascending indexes on its time fields in the generations in
	 * use; a rebuild creates them in the generation it fills. An existing index changes nothing.
	 */
	public void declare(String collection, String... timeFields) {
		declared.put(collection, List.of(timeFields));
		var current = generation;
		index(collection, current.active()).block(Duration.ofSeconds(30));
		if (current.building() != null) {
			index(collection, current.building()).block(Duration.ofSeconds(30));
		}
	}

	/**
	 * Applies an event's update to the entity's fact, creating it when it is the first.
	 * @return whether the live fact changed (created, or a value updated): a redelivery and a rebuild's
	 *     replay give {@code false}, so counters count each fact once
	 */
	public Mono<Boolean> upsert(String collection, String id, Update update) {
		var byId = Query.query(Criteria.where("_id").is(id));
		return Mono.deferContextual(context -> {
			var targets = targets(context);
			return Flux.fromIterable(targets)
				.concatMap(target -> upsertOne(byId, update, name(collection, target)).map(this::changed))
				.collectList()
				.map(changed -> !context.hasKey(REPLAY) && changed.get(0));
		});
	}

	/** Changes every fact the query finds (erasure), in every generation written to. */
	public Mono<Void> updateAll(String collection, Query query, Update update) {
		return Mono.deferContextual(context -> Flux.fromIterable(targets(context))
			.concatMap(target -> mongo.updateMulti(query, update, name(collection, target)))
			.then());
	}

	/** Removes every fact the query finds (erasure), in every generation written to. */
	public Mono<Void> removeAll(String collection, Query query) {
		return Mono.deferContextual(context -> Flux.fromIterable(targets(context))
			.concatMap(target -> mongo.remove(query, name(collection, target)))
			.then());
	}

	/** The facts the query finds, in the active generation (a rebuild's writes: the one it fills). */
	public <T> Flux<T> find(Query query, Class<T> type, String collection) {
		return Flux.deferContextual(context -> mongo.find(query, type, name(collection, readTarget(context))));
	}

	/** The fact of an entity, like {@link #find}. */
	public <T> Mono<T> findById(String collection, String id, Class<T> type) {
		return findOne(Query.query(Criteria.where("_id").is(id)), type, collection);
	}

	/** The first fact the query finds, like {@link #find}. */
	public <T> Mono<T> findOne(Query query, Class<T> type, String collection) {
		return Mono.deferContextual(context -> mongo.findOne(query, type, name(collection, readTarget(context))));
	}

	/** The generations in use, as last read. */
	Generation generation() {
		return generation;
	}

	/** Reads the generations in use now, and keeps what it read. */
	Mono<Generation> refresh() {
		return read().doOnNext(read -> generation = read);
	}

	/** The collections every declared fact collection has in a generation. */
	List<String> collections(int target) {
		var names = new ArrayList<String>();
		declared.keySet().forEach(collection -> names.add(name(collection, target)));
		return names;
	}

	/** Creates the declared indexes in a generation. */
	Mono<Void> index(int target) {
		return Flux.fromIterable(declared.keySet()).concatMap(collection -> index(collection, target)).then();
	}

	static String name(String collection, int target) {
		return target == 0 ? collection : collection + "_g" + target;
	}

	private Mono<Void> index(String collection, int target) {
		return Flux.fromIterable(declared.getOrDefault(collection, List.of()))
			.concatMap(field -> mongo.indexOps(name(collection, target))
				.createIndex(new Index().on(field, Sort.Direction.ASC)))
			.then();
	}

	private Mono<UpdateResult> upsertOne(Query byId, Update update, String collection) {
		return mongo.upsert(byId, update, collection).onErrorResume(DuplicateKeyException.class, collided -> {
			// another write created the document between our lookup and our insert: the update applies now
			log.debug("{} {} exists; updating it", collection, byId);
			return mongo.updateFirst(byId, update, collection);
		});
	}

	private boolean changed(UpdateResult result) {
		return result.getUpsertedId() != null || result.getModifiedCount() > 0;
	}

	private List<Integer> targets(ContextView context) {
		if (context.hasKey(REPLAY)) {
			return List.of(context.<Integer>get(REPLAY));
		}
		var current = generation;
		return current.building() == null ? List.of(current.active()) : List.of(current.active(), current.building());
	}

	private int readTarget(ContextView context) {
		return context.hasKey(REPLAY) ? context.<Integer>get(REPLAY) : generation.active();
	}

	private Mono<Generation> read() {
		return mongo.findById(FACTS, Document.class, GENERATIONS)
			.map(Generation::of)
			.defaultIfEmpty(new Generation(0, null));
	}

	/**
	 * The generations in use.
	 * @param active the one the KPIs are read from
	 * @param building the one a rebuild is filling, or {@code null}
	 */
	record Generation(int active, Integer building) {

		static Generation of(Document document) {
			return new Generation(document.getInteger("active", 0), document.getInteger("building"));
		}

	}

}
