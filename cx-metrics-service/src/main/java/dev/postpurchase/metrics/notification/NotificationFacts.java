package dev.postpurchase.metrics.notification;

import static dev.postpurchase.metrics.kpi.FactUpdates.requireIds;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.metrics.kpi.FactStore;
import dev.postpurchase.metrics.kpi.MetricTags;
import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationEngaged;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The facts the notification KPIs are computed from: one document per message ({@code notificationId})
 * in {@code notification_facts}.
 *
 * <p>Every event is one upsert that gives the same document whatever order events come in and however
 * often: every time is kept with {@code $min} (the first one counts), and what every event tells alike
 * (order, channel, milestone) is simply set. A failure that will be retried is no fact yet, and a
 * suppression for {@code QUIET_HOURS} is a deferral (a send or failure follows with the same id), so
 * neither is kept.
 *
 * <p>Each fact an event changes first is counted once (see {@link FactStore#upsert}):
 * {@code cx_notifications_total{channel, outcome=sent|failed|suppressed}} and
 * {@code cx_notification_engagements_total{channel, engagement=delivered|opened|clicked}}.
 */
@Component
class NotificationFacts {

	static final String COLLECTION = "notification_facts";

	/** Where cx-metrics-service keeps each order's sales channel (from OrderPlaced). */
	static final String ORDER_FACTS = "order_facts";

	private final FactStore store;

	private final MeterRegistry meters;

	NotificationFacts(FactStore store, MeterRegistry meters) {
		this.store = store;
		this.meters = meters;
	}

	/** The indexes the KPI range queries use; creating an existing index changes nothing. */
	@EventListener(ApplicationReadyEvent.class)
	void createIndexes() {
		store.declare(COLLECTION, "sentAt", "failedAt", "suppressedAt");
	}

	/** Records that a message was handed to the provider. */
	Mono<Void> sent(NotificationSent sent) {
		requireIds(sent.notificationId(), sent.eventId(), "notification id");
		var update = described(sent.orderId(), sent.channel(), sent.milestone());
		return store.upsert(COLLECTION, sent.notificationId(),
				update.min("sentAt", time(sent.occurredAt(), sent.eventId())))
			.filter(changed -> changed)
			.doOnNext(changed -> outcome(sent.channel(), "sent"))
			.then();
	}

	/** Records a failure for good; one that will be retried changes nothing. */
	Mono<Void> failed(NotificationFailed failed) {
		requireIds(failed.notificationId(), failed.eventId(), "notification id");
		if (failed.willRetry()) {
			return Mono.empty();
		}
		var update = described(failed.orderId(), failed.channel(), failed.milestone());
		return store.upsert(COLLECTION, failed.notificationId(),
				update.min("failedAt", time(failed.occurredAt(), failed.eventId())))
			.filter(changed -> changed)
			.doOnNext(changed -> outcome(failed.channel(), "failed"))
			.then();
	}

	/** Records a suppression; a quiet-hours deferral changes nothing. */
	Mono<Void> suppressed(NotificationSuppressed suppressed) {
		requireIds(suppressed.notificationId(), suppressed.eventId(), "notification id");
		if (suppressed.reason() == NotificationSuppressed.Reason.QUIET_HOURS) {
			return Mono.empty();
		}
		var update = described(suppressed.orderId(), suppressed.channel(), suppressed.milestone());
		if (suppressed.reason() != null) {
			update.set("reason", suppressed.reason().name());
		}
		return store.upsert(COLLECTION, suppressed.notificationId(),
				update.min("suppressedAt", time(suppressed.occurredAt(), suppressed.eventId())))
			.filter(changed -> changed)
			.doOnNext(changed -> outcome(suppressed.channel(), "suppressed"))
			.then();
	}

	/** Records the first delivery receipt, open or click. */
	Mono<Void> engaged(NotificationEngaged engaged) {
		requireIds(engaged.notificationId(), engaged.eventId(), "notification id");
		if (engaged.engagement() == null) {
			throw new IllegalArgumentException("NotificationEngaged " + engaged.eventId() + " tells no engagement");
		}
		var field = switch (engaged.engagement()) {
			case DELIVERED -> "deliveredAt";
			case OPENED -> "openedAt";
			case CLICKED -> "clickedAt";
		};
		var update = described(engaged.orderId(), engaged.channel(), null);
		return store.upsert(COLLECTION, engaged.notificationId(),
				update.min(field, time(engaged.occurredAt(), engaged.eventId())))
			.filter(changed -> changed)
			.doOnNext(changed -> Counter.builder("cx.notification.engagements")
				.description("First delivery receipts, opens and clicks of messages")
				.tags("channel", MetricTags.of(engaged.channel()), "engagement", MetricTags.of(engaged.engagement()))
				.register(meters)
				.increment())
			.then();
	}

	/** Messages sent, failed for good or suppressed in {@code [from, to)}. */
	Flux<NotificationFact> decidedBetween(Instant from, Instant to) {
		return store.find(Query.query(new Criteria().orOperator(Criteria.where("sentAt").gte(from).lt(to),
				Criteria.where("failedAt").gte(from).lt(to), Criteria.where("suppressedAt").gte(from).lt(to))),
				NotificationFact.class, COLLECTION);
	}

	/** The sales channel of each of the orders whose OrderPlaced was seen and told one. */
	Mono<Map<String, String>> salesChannels(Collection<String> orderIds) {
		if (orderIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return store
			.find(Query.query(Criteria.where("_id").in(orderIds).and("salesChannel").exists(true)), Document.class,
					ORDER_FACTS)
			.collect(HashMap::new, (channels, order) -> channels.put(order.getString("_id"),
					String.valueOf(order.get("salesChannel"))));
	}

	private void outcome(Channel channel, String outcome) {
		Counter.builder("cx.notifications")
			.description("Messages sent, failed for good or suppressed")
			.tags("channel", MetricTags.of(channel), "outcome", outcome)
			.register(meters)
			.increment();
	}

	private static Update described(String orderId, Channel channel, Milestone milestone) {
		var update = new Update();
		if (orderId != null) {
			update.set("orderId", orderId);
		}
		if (channel != null) {
			update.set("channel", channel.name());
		}
		if (milestone != null) {
			update.set("milestone", milestone.name());
		}
		return update;
	}

	private static Instant time(Instant at, UUID eventId) {
		if (at == null) {
			throw new IllegalArgumentException("Notification event " + eventId + " tells no time");
		}
		return at;
	}

}
