package dev.postpurchase.metrics.survey;

import java.time.Instant;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.feedback.SurveyAnswered;
import dev.postpurchase.metrics.kpi.FactStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The facts the voice-of-the-customer KPIs are computed from: one document per answer (order and
 * survey type) in {@code survey_facts}, kept from SurveyAnswered on {@code feedback.events} — whoever
 * published it — so a rebuild from the topics gives the same NPS, CSAT and CES.
 *
 * <p>One upsert per event: answeredAt is kept with {@code $min} (the first time counts), the rest is
 * what the event tells. There is one answer per order and type (cx-metrics-service refuses a second
 * one), so a second event for the same id is the same answer again (a redelivery, or the outbox
 * relay publishing it twice) and counts once.
 */
@Component
class SurveyFacts {

	static final String COLLECTION = "survey_facts";

	private final FactStore store;

	SurveyFacts(FactStore store) {
		this.store = store;
	}

	/** Declares the collection and the index the KPI range query uses. */
	@EventListener(ApplicationReadyEvent.class)
	void declare() {
		store.declare(COLLECTION, "answeredAt");
	}

	/** Records an answer; a redelivery writes the same values again. */
	Mono<Void> answered(SurveyAnswered answered) {
		if (answered.orderId() == null || answered.orderId().isBlank() || answered.surveyType() == null) {
			throw new IllegalArgumentException(
					"SurveyAnswered " + answered.eventId() + " without an order id or survey type");
		}
		if (answered.occurredAt() == null) {
			throw new IllegalArgumentException("SurveyAnswered " + answered.eventId() + " tells no time");
		}
		if (!answered.surveyType().accepts(answered.score())) {
			throw new IllegalArgumentException("SurveyAnswered " + answered.eventId() + " with a score out of the "
					+ answered.surveyType() + " scale");
		}
		var update = new Update().min("answeredAt", answered.occurredAt())
			.set("orderId", answered.orderId())
			.set("surveyType", answered.surveyType())
			.set("score", answered.score());
		if (answered.salesChannel() != null) {
			update.set("salesChannel", answered.salesChannel());
		}
		return store.upsert(COLLECTION, SurveyAnswer.idOf(answered.orderId(), answered.surveyType()), update).then();
	}

	/** The answers given in {@code [from, to)}. */
	Flux<SurveyFact> answeredIn(Instant from, Instant to) {
		return store.find(Query.query(Criteria.where("answeredAt").gte(from).lt(to)), SurveyFact.class, COLLECTION);
	}

}
