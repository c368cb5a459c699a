package dev.postpurchase.kit.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import dev.postpurchase.kit.schedule.PeriodicTask;
import reactor.core.publisher.Mono;

/**
 * The webhook deliveries one sender's handler has already handled, by the delivery id the sender
 * gives (Shopify's {@code X-Shopify-Webhook-Id}, AfterShip's {@code event_id}), to answer a
 * redelivery without doing anything again. Record a delivery only once it was handled
 * successfully, so a failure half-way is retried by the sender.
 *
 * <p>One collection for every sender, keyed by source and delivery id. Each delivery expires
 * {@code retention} after it was recorded: a TTL index on {@code expiresAt} removes it on MongoDB,
 * and, because mongo-java-server (tests, the local stack) ignores TTL indexes, a sweep removes
 * expired ones every {@code sweepInterval}. As a Spring bean the store creates its index before
 * the service takes traffic and runs its own sweep; otherwise call {@link #createIndexes()} and
 * {@link #forgetExpired()} yourself. Pick a retention longer than the sender's retry window.
 */
public class SeenDeliveries extends PeriodicTask implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(SeenDeliveries.class);

	public static final String COLLECTION = "webhook_deliveries";

	/** Longer delivery ids (they come from headers) are stored by their SHA-256. */
	static final int MAX_ID_LENGTH = 200;

	private static final String EXPIRES_AT = "expiresAt";

	private final ReactiveMongoTemplate mongo;

	private final Clock clock;

	private final String source;

	private final Duration retention;

	/**
	 * @param source the sender, a constant such as {@code shopify}
	 * @param retention how long a delivery is remembered
	 * @param sweepInterval how often expired deliveries are removed, when the store runs as a bean
	 */
	public SeenDeliveries(ReactiveMongoTemplate mongo, Clock clock, String source, Duration retention,
			Duration sweepInterval) {
		super(sweepInterval, "Sweep of expired " + source + " deliveries failed, retrying on the next one");
		this.mongo = Objects.requireNonNull(mongo, "mongo");
		this.clock = Objects.requireNonNull(clock, "clock");
		if (source == null || source.isBlank() || source.contains(":")) {
			throw new IllegalArgumentException("source must be a constant without ':'");
		}
		if (retention == null || retention.isNegative() || retention.isZero() || sweepInterval == null
				|| sweepInterval.isNegative() || sweepInterval.isZero()) {
			throw new IllegalArgumentException("retention and sweep interval must be positive");
		}
		this.source = source;
		this.retention = retention;
	}

	public String source() {
		return source;
	}

	/** Whether the delivery was handled before; a blank id never was. */
	public Mono<Boolean> contains(String deliveryId) {
		if (deliveryId == null || deliveryId.isBlank()) {
			return Mono.just(false);
		}
		return mongo.exists(Query.query(Criteria.where("_id").is(key(deliveryId))), COLLECTION);
	}

	/**
	 * Records a delivery as handled now; a concurrent redelivery recorded first is fine, a blank id
	 * is not recorded.
	 *
	 * @param kind what the delivery was (a topic, an event code): low-cardinality, for operators
	 */
	public Mono<Void> remember(String deliveryId, String kind) {
		return remember(deliveryId, kind, clock.instant());
	}

	/** Records a delivery handled at {@code handledAt}, for instance one imported from an older store. */
	public Mono<Void> remember(String deliveryId, String kind, Instant handledAt) {
		if (deliveryId == null || deliveryId.isBlank()) {
			return Mono.empty();
		}
		var seen = new Document("_id", key(deliveryId)).append("source", source)
			.append("kind", kind)
			.append("receivedAt", Date.from(handledAt))
			.append(EXPIRES_AT, Date.from(handledAt.plus(retention)));
		return mongo.insert(seen, COLLECTION)
			.then()
			.onErrorResume(DuplicateKeyException.class, alreadyRecorded -> Mono.empty());
	}

	/** Removes every expired delivery (of any source); returns how many. */
	public Mono<Long> forgetExpired() {
		return mongo.remove(Query.query(Criteria.where(EXPIRES_AT).lt(Date.from(clock.instant()))), COLLECTION)
			.map(result -> result.getDeletedCount());
	}

	/**
	 * The TTL index on {@code expiresAt} (expiring each document at that time). Its failure is only
	 * logged: the sweep still expires deliveries.
	 */
	public Mono<Void> createIndexes() {
		return mongo.indexOps(COLLECTION)
			.createIndex(new Index().named("expires_ttl").on(EXPIRES_AT, Direction.ASC).expire(Duration.ZERO))
			.onErrorResume(ex -> {
				log.warn("Could not create the TTL index of {}; the sweep still expires deliveries: {}", COLLECTION,
						ex.toString());
				return Mono.empty();
			})
			.then();
	}

	@Override
	public void afterSingletonsInstantiated() {
		createIndexes().block(Duration.ofMinutes(1));
	}

	@Override
	protected Mono<Long> runPass() {
		return forgetExpired();
	}

	private String key(String deliveryId) {
		var id = deliveryId.trim();
		return source + ":" + (id.length() <= MAX_ID_LENGTH ? id : sha256(id));
	}

	private static String sha256(String value) {
		try {
			return "sha256-" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 unavailable", ex);
		}
	}

	@Override
	public String toString() {
		return "SeenDeliveries[" + source + ", retention " + retention + "]";
	}

}
