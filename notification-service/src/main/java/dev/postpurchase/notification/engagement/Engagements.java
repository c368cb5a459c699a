package dev.postpurchase.notification.engagement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.NotificationEngaged;
import dev.postpurchase.contracts.notification.NotificationEngaged.Engagement;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.kit.outbox.OutboxEntry;
import dev.postpurchase.kit.outbox.OutboxRelay;
import dev.postpurchase.notification.message.Notification;
import dev.postpurchase.notification.message.Notifications;
import dev.postpurchase.notification.message.Notification.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What happened to messages after they were handed over: delivery receipts, opens and clicks
 * ({@code NotificationEngaged}), and the provider's report that a message could never be delivered
 * ({@code NotificationFailed}, {@code willRetry=false}). Works on the ledger entries of
 * {@code notifications}, only on SENT ones.
 *
 * <p>Each engagement is published at most once per message: the entry keeps the kinds recorded so
 * far in {@code engagements}, and one conditional single-document update ({@code engagements} does
 * not hold the kind yet) adds the kind and pushes the event onto the entry's outbox, so a provider
 * repeating a callback, two instances receiving it at once, or a customer opening an email ten times
 * publish one event. The delivery failure likewise, once, guarded by {@code deliveryFailed}.
 *
 * <p>An engagement implies the earlier steps of the funnel (DELIVERED, OPENED, CLICKED) that the
 * channel reports itself, and records those first, each once: a click on a link of an email means it
 * was opened, even when the mail client blocked the open pixel; a WhatsApp {@code read} means it was
 * delivered, even when the {@code delivered} webhook comes later or never. Email has no delivery
 * receipts, so an open never makes a DELIVERED of an email: its delivery rate stays "not reported"
 * rather than becoming its open rate.
 *
 * <p>A delivery failure keeps the entry SENT: SENT means handed to the provider, which it was (and
 * {@code NotificationSent} said so); {@code deliveryFailed} and {@code deliveryError} record what the
 * network did with it afterwards, and the retry pass, which takes PENDING entries only, never sends
 * it again (the provider called the failure permanent).
 */
@Component
public class Engagements implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(Engagements.class);

	/** The kinds recorded on an entry so far. */
	static final String ENGAGEMENTS = "engagements";

	static final String DELIVERY_FAILED = "deliveryFailed";

	static final String DELIVERY_ERROR = "deliveryError";

	static final String DELIVERY_FAILED_AT = "deliveryFailedAt";

	private final ReactiveMongoTemplate mongo;

	private final OutboxRelay relay;

	private final MeterRegistry meters;

	private final Clock clock;

	Engagements(ReactiveMongoTemplate mongo, OutboxRelay relay, MeterRegistry meters, Clock clock) {
		this.mongo = mongo;
		this.relay = relay;
		this.meters = meters;
		this.clock = clock;
	}

	/** The indexes the reports look messages up by. */
	@Override
	public void afterSingletonsInstantiated() {
		var index = mongo.indexOps(Notification.class);
		Flux.concat(
				index.createIndex(new Index().named("notificationId").on(MessageRef.NOTIFICATION_ID, Direction.ASC)),
				// only SENT entries have one
				index.createIndex(new Index().named("providerMessageId")
					.on(MessageRef.PROVIDER_MESSAGE_ID, Direction.ASC)
					.sparse()))
			.blockLast();
	}

	/**
	 * Records an engagement of a SENT message, at {@code at}, with the earlier steps it implies;
	 * emits {@code true} when this call published {@code kind}, {@code false} when it was recorded
	 * before or there is no SENT message by that reference.
	 */
	public Mono<Boolean> record(MessageRef message, Engagement kind, Instant at) {
		return sent(message).flatMap(entry -> Flux.fromIterable(withImplied(entry.channel(), kind))
			.concatMap(step -> once(entry, step, at))
			.last())
			.defaultIfEmpty(false);
	}

	/**
	 * Records that the provider could not deliver a SENT message and never will, once: publishes
	 * {@code NotificationFailed} with the provider's error code (null when it gave none) and
	 * {@code willRetry=false}. Emits {@code true} when this call recorded it.
	 */
	public Mono<Boolean> deliveryFailed(MessageRef message, String errorCode, Instant at) {
		return sent(message).flatMap(entry -> {
			var failed = new NotificationFailed(UUID.randomUUID(), entry.orderId(), at, entry.notificationId(),
					entry.customerId(), entry.channel(), entry.milestone(), errorCode, Math.max(1, entry.attempts()),
					false);
			var query = Query.query(Criteria.where("_id").is(entry.id()).and("status").is(Status.SENT)
				.and(DELIVERY_FAILED).ne(true));
			var update = new Update().set(DELIVERY_FAILED, true)
				.set(DELIVERY_FAILED_AT, at)
				.set("updatedAt", clock.instant())
				.push(OutboxEntry.FIELD, OutboxEntry.of(failed));
			if (errorCode != null) {
				update.set(DELIVERY_ERROR, errorCode);
			}
			return changed(entry.id(), query, update).doOnNext(recorded -> {
				if (recorded) {
					Counter.builder("notification.delivery.failures")
						.description("Messages the provider reported as not delivered after sending, by channel")
						.tag("channel", entry.channel().name())
						.register(meters)
						.increment();
					log.info("Notification {} {} of order {} not delivered: provider error {}", entry.milestone(),
							entry.channel(), entry.orderId(), errorCode);
				}
			});
		}).defaultIfEmpty(false);
	}

	/** {@code kind} and, first, the earlier steps of the funnel that {@code channel} reports itself. */
	static List<Engagement> withImplied(Channel channel, Engagement kind) {
		var steps = new ArrayList<Engagement>();
		for (var step : Engagement.values()) {
			if (step.ordinal() < kind.ordinal() && reports(channel, step)) {
				steps.add(step);
			}
		}
		steps.add(kind);
		return steps;
	}

	/** Email has opens and clicks (our links) but no delivery receipts. */
	private static boolean reports(Channel channel, Engagement kind) {
		return !(channel == Channel.EMAIL && kind == Engagement.DELIVERED);
	}

	private Mono<Notification> sent(MessageRef message) {
		if (message.value() == null || message.value().isBlank()) {
			return Mono.empty();
		}
		var criteria = Criteria.where(message.field()).is(message.value()).and("status").is(Status.SENT);
		if (message.channel() != null) {
			criteria.and("channel").is(message.channel());
		}
		return mongo.findOne(Query.query(criteria), Notification.class);
	}

	private Mono<Boolean> once(Notification entry, Engagement kind, Instant at) {
		var engaged = new NotificationEngaged(UUID.randomUUID(), entry.orderId(), at, entry.notificationId(),
				entry.channel(), kind);
		var query = Query.query(Criteria.where("_id").is(entry.id()).and("status").is(Status.SENT)
			.and(ENGAGEMENTS).ne(kind.name()));
		var update = new Update().addToSet(ENGAGEMENTS, kind.name())
			.set("updatedAt", clock.instant())
			.push(OutboxEntry.FIELD, OutboxEntry.of(engaged));
		return changed(entry.id(), query, update).doOnNext(recorded -> {
			if (recorded) {
				Counter.builder("notification.engagements")
					.description("First delivery receipts, opens and clicks of sent messages, by channel")
					.tags("channel", entry.channel().name(), "engagement", kind.name())
					.register(meters)
					.increment();
				log.debug("Notification {} {} of order {}: {}", entry.milestone(), entry.channel(), entry.orderId(),
						kind);
			}
		});
	}

	private Mono<Boolean> changed(String id, Query query, Update update) {
		return mongo.updateFirst(query, update, Notification.class)
			.map(result -> result.getModifiedCount() > 0)
			.doOnNext(changed -> {
				if (changed) {
					relay.wakeUp(Notifications.COLLECTION, id);
				}
			});
	}

}
