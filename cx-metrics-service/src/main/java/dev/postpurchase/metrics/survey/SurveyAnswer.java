package dev.postpurchase.metrics.survey;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.postpurchase.contracts.feedback.SurveyType;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.kit.outbox.OutboxEntry;

/**
 * A customer's answer to one survey about one order, as stored in {@code surveys}: the source of
 * truth of the submissions. The id {@code orderId:type} makes a second answer of the same type
 * impossible, parked or not. {@code comment} is the customer's own words and may hold personal data:
 * never log it.
 *
 * @param customerId whose order it is; absent while parked, and after the customer's erasure
 * @param salesChannel the order's sales channel, when known, for the CHANNEL split
 * @param comment absent when none was given, and after the customer's erasure
 * @param answeredAt when the answer arrived: the time the KPIs count it at (its SurveyAnswered's
 *     {@code occurredAt}, even when published later)
 * @param parkedAt set while the answer waits for its order's OrderPlaced (no event yet); removed in the
 *     same update that completes the answer and puts its event in the outbox
 * @param outbox the SurveyAnswered event until the relay has published it
 */
@Document(Surveys.COLLECTION)
record SurveyAnswer(@Id String id, String orderId, String customerId, SalesChannel salesChannel, SurveyType surveyType,
		int score, String comment, Instant answeredAt, Instant parkedAt, List<OutboxEntry> outbox) {

	static String idOf(String orderId, SurveyType type) {
		return orderId + ":" + type.name();
	}

}
