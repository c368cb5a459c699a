package dev.postpurchase.metrics.survey;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.postpurchase.contracts.feedback.SurveyType;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.kit.outbox.OutboxEntry;

/**
 * A customer's answer to one survey about one order, as stored in {@code surveys}. The id
 * {@code orderId:type} makes a second answer of the same type impossible. {@code comment} is the
 * customer's own words and may hold personal data: never log it.
 *
 * @param salesChannel the order's sales channel, when known, for the CHANNEL split
 * @param answeredAt when the answer arrived: the time the KPIs count it at
 * @param outbox the SurveyAnswered event until the relay has published it
 */
@Document(Surveys.COLLECTION)
record SurveyAnswer(@Id String id, String orderId, String customerId, SalesChannel salesChannel, SurveyType surveyType,
		int score, String comment, Instant answeredAt, List<OutboxEntry> outbox) {

	static String idOf(String orderId, SurveyType type) {
		return orderId + ":" + type.name();
	}

}
