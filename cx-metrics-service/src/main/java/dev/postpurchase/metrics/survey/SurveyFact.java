package dev.postpurchase.metrics.survey;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.postpurchase.contracts.feedback.SurveyType;
import dev.postpurchase.contracts.order.SalesChannel;

/**
 * What the voice-of-the-customer KPIs know of one answer, in {@code survey_facts}, from SurveyAnswered.
 * Nothing personal: no customer id, no comment.
 *
 * @param id {@code orderId:surveyType}
 * @param answeredAt when the customer answered (the event's {@code occurredAt}, earliest)
 * @param salesChannel the order's sales channel, when known, for the CHANNEL split
 */
@Document(SurveyFacts.COLLECTION)
record SurveyFact(@Id String id, String orderId, SurveyType surveyType, int score, Instant answeredAt,
		SalesChannel salesChannel) {

}
