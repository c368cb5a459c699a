package dev.postpurchase.metrics.survey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.feedback.SurveyAnswered;
import dev.postpurchase.contracts.feedback.SurveyType;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.kit.outbox.OutboxEntry;
import dev.postpurchase.kit.outbox.OutboxRelay;
import dev.postpurchase.kit.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The survey answers as submitted ({@code surveys}): source data, not facts (a rebuild never touches
 * them). An answer and its SurveyAnswered event are one write (the event waits in the document's
 * outbox), so an answer is never announced without being stored.
 *
 * <p>An answer for an order whose OrderPlaced has not arrived yet cannot be announced (SurveyAnswered
 * names the customer): it is <em>parked</em> ({@code parkedAt} set, no event) and completed when the
 * order becomes known — customer id and sales channel set, {@code parkedAt} removed and the event put
 * in the outbox in one update that applies only while the answer is still parked, so of concurrent
 * completions (OrderPlaced, its redelivery, the answer's own re-check, the sweep) exactly one publishes.
 */
@Component
class Surveys implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(Surveys.class);

	static final String COLLECTION = "surveys";

	private static final String PARKED_AT = "parkedAt";

	private final ReactiveMongoTemplate mongo;

	private final OutboxRelay relay;

	private final Counter parked;

	private final Counter completed;

	private final Counter expired;

	Surveys(ReactiveMongoTemplate mongo, OutboxRelay relay, MeterRegistry meters) {
		this.mongo = mongo;
		this.relay = relay;
		this.parked = Counter.builder("surveys.parked")
			.description("Survey answers parked because their order's OrderPlaced has not arrived yet")
			.register(meters);
		this.completed = Counter.builder("surveys.parked.completed")
			.description("Parked survey answers completed and announced once their order became known")
			.register(meters);
		this.expired = Counter.builder("surveys.parked.expired")
			.description("Parked survey answers given up on because their order never became known")
			.register(meters);
	}

	@Override
	public void afterSingletonsInstantiated() {
		var indexes = mongo.indexOps(COLLECTION);
		// the answers of an order that waited for it, the parked ones the sweep goes through, and a
		// customer's answers for an erasure
		indexes.createIndex(new Index().named("order").on("orderId", Direction.ASC)).block();
		indexes.createIndex(new Index().named("parked").on(PARKED_AT, Direction.ASC).sparse()).block();
		indexes.createIndex(new Index().named("customer").on("customerId", Direction.ASC).sparse()).block();
	}

	/** Stores the answer and its event; 409 when the order already has an answer of this type. */
	Mono<SurveyAnswer> answer(OrderFacts.Fact order, SurveyType type, int score, String comment, Instant now) {
		var event = new SurveyAnswered(UUID.randomUUID(), order.orderId(), now, order.customerId(), type, score, comment,
				null, order.salesChannel());
		var answer = new SurveyAnswer(SurveyAnswer.idOf(order.orderId(), type), order.orderId(), order.customerId(),
				order.salesChannel(), type, score, comment, now, null, List.of(OutboxEntry.of(event)));
		return insert(answer).doOnNext(stored -> relay.wakeUp(COLLECTION, stored.id()));
	}

	/**
	 * Stores the answer of an order not known here yet, without an event; 409 when the order already
	 * has an answer of this type (parked or not). The caller looks the order up once more afterwards:
	 * its OrderPlaced may have arrived in between, and then found nothing parked yet.
	 */
	Mono<SurveyAnswer> park(String orderId, SurveyType type, int score, String comment, Instant now) {
		var answer = new SurveyAnswer(SurveyAnswer.idOf(orderId, type), orderId, null, null, type, score, comment, now,
				now, List.of());
		return insert(answer).doOnNext(stored -> {
			parked.increment();
			log.info("Survey answer {} parked until order {} is known", type, orderId);
		});
	}

	/**
	 * Completes every parked answer of the order and puts its SurveyAnswered in the outbox; answers
	 * completed already are left alone, so a redelivered OrderPlaced changes nothing.
	 * @return how many answers this call completed
	 */
	Mono<Long> complete(String orderId, String customerId, SalesChannel salesChannel) {
		var ofOrder = Query.query(Criteria.where("orderId").is(orderId).and(PARKED_AT).exists(true));
		return mongo.find(ofOrder, SurveyAnswer.class, COLLECTION)
			.concatMap(answer -> complete(answer, customerId, salesChannel))
			.filter(done -> done)
			.count()
			.doOnNext(done -> {
				if (done > 0) {
					completed.increment(done);
					log.info("Completed {} parked survey answers of order {}", done, orderId);
					relay.wakeUp();
				}
			});
	}

	/** The orders that parked answers wait for. */
	Flux<String> parkedOrders() {
		return mongo.findDistinct(Query.query(Criteria.where(PARKED_AT).exists(true)), "orderId", COLLECTION,
				String.class);
	}

	/**
	 * Deletes the answers parked before {@code cutoff}: their order never became known here, so they
	 * are never published nor counted. Each delete applies only while the answer is still parked.
	 * @return how many were deleted
	 */
	Mono<Long> expire(Instant cutoff) {
		var old = Query.query(Criteria.where(PARKED_AT).lt(cutoff));
		old.fields().include("orderId", "surveyType", "score", PARKED_AT);
		return mongo.find(old, SurveyAnswer.class, COLLECTION)
			.concatMap(answer -> mongo
				.findAndRemove(Query.query(Criteria.where("_id").is(answer.id()).and(PARKED_AT).lt(cutoff)),
						SurveyAnswer.class, COLLECTION)
				.doOnNext(removed -> {
					expired.increment();
					log.warn("Deleted survey answer {} of order {} parked since {}: the order never became known",
							removed.surveyType(), removed.orderId(), removed.parkedAt());
				}))
			.count();
	}

	/**
	 * Forgets a customer in their stored answers: the customer id and the comment (free text may
	 * hold personal data). Scores, types and times stay. Erasing again changes nothing.
	 */
	Mono<Void> erase(String customerId) {
		var update = new Update().unset("customerId").unset("comment");
		return mongo.updateMulti(Query.query(Criteria.where("customerId").is(customerId)), update, COLLECTION).then();
	}

	private Mono<SurveyAnswer> insert(SurveyAnswer answer) {
		return mongo.insert(answer, COLLECTION)
			.onErrorMap(DuplicateKeyException.class, ex -> Problems
				.conflict("Order " + answer.orderId() + " already has a " + answer.surveyType() + " answer"));
	}

	private Mono<Boolean> complete(SurveyAnswer answer, String customerId, SalesChannel salesChannel) {
		// the time the customer answered, not now: the KPIs count it on that day
		var event = new SurveyAnswered(UUID.randomUUID(), answer.orderId(), answer.answeredAt(), customerId,
				answer.surveyType(), answer.score(), answer.comment(), null, salesChannel);
		var update = new Update().set("customerId", customerId).unset(PARKED_AT)
			.push(OutboxEntry.FIELD, OutboxEntry.of(event));
		if (salesChannel != null) {
			update.set("salesChannel", salesChannel);
		}
		var stillParked = Query.query(Criteria.where("_id").is(answer.id()).and(PARKED_AT).exists(true));
		return mongo.updateFirst(stillParked, update, COLLECTION).map(result -> result.getModifiedCount() > 0);
	}

}
