package dev.postpurchase.tracking.exception;

import java.util.List;

import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.schedule.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import reactor.core.publisher.Mono;

/**
 * Gauges ops steer by, counted every {@code metrics-interval} by grouping queries rather than on
 * each change, so every instance reports the same numbers: {@code tracking.shipments} by status and
 * carrier, {@code tracking.shipments.promise} by promise state, {@code tracking.exceptions.open} by
 * kind. Tags come from enums and normalized carrier ids only.
 */
@Component
class ExceptionMetrics extends PeriodicTask {

	private final ReactiveMongoTemplate mongo;

	private final MultiGauge shipments;

	private final MultiGauge promises;

	private final MultiGauge openExceptions;

	ExceptionMetrics(ReactiveMongoTemplate mongo, ExceptionSettings settings, MeterRegistry meters) {
		super(settings.metricsInterval(), "Counting shipments for the metrics failed");
		this.mongo = mongo;
		this.shipments = MultiGauge.builder("tracking.shipments").description("Shipments by status and carrier")
			.register(meters);
		this.promises = MultiGauge.builder("tracking.shipments.promise")
			.description("Shipments by delivery promise state")
			.register(meters);
		this.openExceptions = MultiGauge.builder("tracking.exceptions.open")
			.description("Open delivery exceptions by kind")
			.register(meters);
	}

	/** Counts everything once and updates the gauges. */
	Mono<Void> refresh() {
		var byStatusAndCarrier = Aggregation.newAggregation(Aggregation.group("status", "carrier").count().as("count"));
		var byPromise = Aggregation.newAggregation(Aggregation.group("promiseState").count().as("count"));
		var openByKind = Aggregation.newAggregation(
				Aggregation.match(Criteria.where("exceptions").elemMatch(Criteria.where("resolvedAt").is(null))),
				Aggregation.unwind("exceptions"), Aggregation.match(Criteria.where("exceptions.resolvedAt").is(null)),
				Aggregation.group("exceptions.kind").count().as("count"));
		return Mono.when(count(byStatusAndCarrier).doOnNext(rows -> shipments.register(rows.stream()
			.map(row -> MultiGauge.Row.of(Tags.of("status", tag(row, "status"), "carrier", tag(row, "carrier")),
					count(row)))
			.toList(), true)),
				count(byPromise).doOnNext(rows -> promises.register(rows.stream()
					.map(row -> MultiGauge.Row.of(Tags.of("state", tag(row, "promiseState")), count(row)))
					.toList(), true)),
				count(openByKind).doOnNext(rows -> openExceptions.register(rows.stream()
					.map(row -> MultiGauge.Row.of(Tags.of("kind", tag(row, "kind")), count(row)))
					.toList(), true)));
	}

	private Mono<List<Document>> count(Aggregation aggregation) {
		return mongo.aggregate(aggregation, "shipments", Document.class).collectList();
	}

	private static String tag(Document row, String field) {
		var id = row.get("_id");
		var value = id instanceof Document group ? group.get(field) : id;
		return value == null ? "none" : value.toString();
	}

	private static Number count(Document row) {
		return (Number) row.get("count");
	}

	@Override
	protected Mono<Void> runPass() {
		return refresh();
	}

}
