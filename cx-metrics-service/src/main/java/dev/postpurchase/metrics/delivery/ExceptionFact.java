package dev.postpurchase.metrics.delivery;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the delivery KPIs know of one delivery exception, in {@code exceptions}, built from
 * DeliveryExceptionRaised and DeliveryExceptionResolved in whatever order they came.
 *
 * @param kind the {@link dev.postpurchase.contracts.exception.ExceptionKind} name
 * @param resolvedAt {@code null} while open
 * @param openSeconds how long it was open, as its producer measured it; {@code null} while open
 */
@Document(DeliveryFacts.EXCEPTIONS)
record ExceptionFact(@Id String exceptionId, String shipmentId, String carrier, String kind, Instant raisedAt,
		Instant resolvedAt, Long openSeconds) {

}
