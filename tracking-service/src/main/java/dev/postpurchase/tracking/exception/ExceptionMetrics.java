package dev.postpurchase.tracking.exception;

import java.util.List;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Gauges ops steer by, counted every {@code metrics-interval} by grouping queries rather than on
 * each change, so every instance reports the same numbers: {@code tracking.shipments} by status and
 * carrier, {@code tracking.shipments.promise} by promise state, {@code tracking.exceptions.open} by
 * kind. Tags come from enums and normalized carrier ids only.
 */
@Component
class ExceptionMetrics implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ExceptionMetrics.class);

	private final ReactiveMongoTemplate mongo;

	private final ExceptionSettings settings;

	private final MultiGauge shipments;

	private final MultiGauge promises;

	private final MultiGauge openExceptions;

	private volatile Disposable loop;

	ExceptionMetrics(ReactiveMongoTemplate mongo, ExceptionSettings settings, MeterRegistry meters) {
		this.mongo = mongo;
		this.settings = settings;
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
	public synchronized void start() {
		if (loop == null) {
			loop = Flux.interval(settings.metricsInterval(), settings.metricsInterval())
				.onBackpressureDrop()
				.concatMap(tick -> refresh().onErrorResume(ex -> {
					log.warn("Counting shipments for the metrics failed: {}", ex.toString());
					return Mono.empty();
				}), 1)
				.subscribeOn(Schedulers.boundedElastic())
				.subscribe();
		}
	}

	@Override
	public synchronized void stop() {
		if (loop != null) {
			loop.dispose();
			loop = null;
		}
	}

	@Override
	public boolean isRunning() {
		return loop != null;
	}

}
