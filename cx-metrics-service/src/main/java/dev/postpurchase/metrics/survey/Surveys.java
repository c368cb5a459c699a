package dev.postpurchase.metrics.survey;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.feedback.SurveyAnswered;
import dev.postpurchase.contracts.feedback.SurveyType;
import dev.postpurchase.kit.outbox.OutboxEntry;
import dev.postpurchase.kit.outbox.OutboxRelay;
import dev.postpurchase.kit.web.Problems;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The survey answers ({@code surveys}). An answer and its SurveyAnswered event are one insert (the
 * event waits in the document's outbox), so an answer is never stored without being announced, nor
 * announced without being stored.
 */
@Component
class Surveys implements SmartInitializingSingleton {

	static final String COLLECTION = "surveys";

	private final ReactiveMongoTemplate mongo;

	private final OutboxRelay relay;

	Surveys(ReactiveMongoTemplate mongo, OutboxRelay relay) {
		this.mongo = mongo;
		this.relay = relay;
	}

	@Override
	public void afterSingletonsInstantiated() {
		// the KPIs read the answers of a period
		mongo.indexOps(COLLECTION).createIndex(new Index().named("answered").on("answeredAt", Direction.ASC)).block();
	}

	/** Stores the answer and its event; 409 when the order already has an answer of this type. */
	Mono<SurveyAnswer> answer(OrderFacts.Fact order, SurveyType type, int score, String comment, Instant now) {
		var event = new SurveyAnswered(UUID.randomUUID(), order.orderId(), now, order.customerId(), type, score, comment,
				null, order.salesChannel());
		var answer = new SurveyAnswer(SurveyAnswer.idOf(order.orderId(), type), order.orderId(), order.customerId(),
				order.salesChannel(), type, score, comment, now, List.of(OutboxEntry.of(event)));
		return mongo.insert(answer, COLLECTION)
			.onErrorMap(DuplicateKeyException.class,
					ex -> Problems.conflict("Order " + order.orderId() + " already has a " + type + " answer"))
			.doOnNext(stored -> relay.wakeUp());
	}

	/** The answers that arrived in {@code [from, to)}. */
	Flux<SurveyAnswer> answeredIn(Instant from, Instant to) {
		var query = Query.query(Criteria.where("answeredAt").gte(from).lt(to));
		query.fields().include("surveyType", "score", "answeredAt", "salesChannel");
		return mongo.find(query, SurveyAnswer.class, COLLECTION);
	}

}
