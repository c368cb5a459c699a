package dev.postpurchase.contracts.feedback;

import java.time.Instant;
import java.util.UUID;

import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.order.SalesChannel;

/** A customer answered a survey about an order (one answer per order and survey type). */
public record SurveyAnswered(UUID eventId, String orderId, Instant occurredAt, String customerId,
		SurveyType surveyType, int score, String comment, String carrier, SalesChannel salesChannel)
		implements Event {

	public static final String TYPE = "dev.postpurchase.survey.answered.v1";

}
