package dev.postpurchase.tracking.shipment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.shipment.Checkpoint;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.kit.outbox.OutboxRelay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Registering parcels and applying tracking updates, one implementation whatever the way in (REST,
 * AfterShip webhooks, {@code tracking.inbound}, {@code order.events}). An update for a parcel not
 * registered yet is parked and applied when it registers.
 */
@Service
public class TrackingUpdates implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(TrackingUpdates.class);

	private static final Retry ON_CONCURRENT_CHANGE = Retry.max(10)
		.filter(OptimisticLockingFailureException.class::isInstance);

	private final Shipments shipments;

	private final ReactiveMongoTemplate mongo;

	private final OutboxRelay relay;

	private final Clock clock;

	private final MeterRegistry meters;

	private final DistributionSummary carrierDataLag;

	private final Counter conflicts;

	TrackingUpdates(Shipments shipments, ReactiveMongoTemplate mongo, OutboxRelay relay, Clock clock,
			MeterRegistry meters) {
		this.shipments = shipments;
		this.mongo = mongo;
		this.relay = relay;
		this.clock = clock;
		this.meters = meters;
		this.conflicts = Counter.builder("tracking.updates.batch.conflicts")
			.description("Batches of tracking updates whose shipments someone else changed between the read and the "
					+ "bulk write: their updates were applied again one by one")
			.register(meters);
		this.carrierDataLag = DistributionSummary.builder("tracking.carrier.data.lag")
			.description("Now minus the carrier time of each received checkpoint")
			.baseUnit("seconds")
			.publishPercentileHistogram()
			.minimumExpectedValue(1.0)
			.maximumExpectedValue(7.0 * 24 * 3600)
			.register(meters);
	}

	/** Every update of a registered parcel looks for parked ones first: by an index. */
	@Override
	public void afterSingletonsInstantiated() {
		mongo.indexOps(ParkedUpdate.class)
			.createIndex(new Index().named("shipment_parked").on("shipmentKey", Sort.Direction.ASC).on("parkedAt", Sort.Direction.ASC))
			.block();
	}

	/** What became of an update. */
	public enum Outcome {

		/** The shipment changed (and published what changed). */
		APPLIED,
		/** Nothing new: a checkpoint the shipment already had. */
		UNCHANGED,
		/** The parcel is not registered yet: kept and applied when it is. */
		PARKED

	}

	/**
	 * Registers a parcel, once: the same parcel again returns the stored shipment (whatever the
	 * registration said, so a caller that cares compares). A return parcel names its return and has no
	 * delivery promise.
	 */
	public Mono<Shipment> register(Registration registration) {
		ShipmentKey key;
		try {
			key = ShipmentKey.of(registration.carrier(), registration.trackingNumber());
			if (registration.promise() != null) {
				CarrierTime.requireInRange("promise.from", registration.promise().from());
				CarrierTime.requireInRange("promise.by", registration.promise().by());
			}
			if (registration.direction() == Direction.RETURN) {
				if (registration.returnId() == null || registration.returnId().isBlank()) {
					throw new IllegalArgumentException("returnId: required for a RETURN parcel");
				}
				if (registration.promise() != null) {
					throw new IllegalArgumentException("promise: a RETURN parcel has no delivery promise");
				}
			}
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(new InvalidTrackingUpdateException(ex.getMessage()));
		}
		return shipments.save(Shipment.register(key, registration, clock))
			.doOnNext(saved -> {
				log.info("Shipment {} registered for order {} ({}, {})", saved.shipmentId(), saved.orderId(),
						key.carrier(), saved.direction());
				relay.wakeUp(Shipment.COLLECTION, saved.key().id());
			})
			.onErrorResume(DuplicateKeyException.class, known -> shipments.findById(key.id()))
			.flatMap(shipment -> applyParked(key).thenReturn(shipment));
	}

	/**
	 * Applies a carrier update; a validation failure is an {@link InvalidTrackingUpdateException}.
	 * Updates parked for the parcel before it registered go first, so that one that comes while the
	 * registration is still applying them (or after that failed half-way) does not overtake them: a
	 * failed attempt applied after the delivery that followed it would never be raised.
	 */
	public Mono<Outcome> apply(InboundTrackingUpdate update, String via) {
		var read = Read.of(update);
		if (read.invalid() != null) {
			return Mono.error(new InvalidTrackingUpdateException(read.invalid()));
		}
		received(read.key(), read.change(), via);
		return apply(read.key(), read.change(), update);
	}

	/** What became of each update of a batch: its outcome, or why it is invalid (then nothing changed). */
	public record Result(Outcome outcome, String invalid) {

	}

	/**
	 * Applies a batch of carrier updates, in order, as {@link #apply} would one by one, in fewer round
	 * trips: the batch's shipments are read with one query and the changed ones written back with one
	 * bulk write, each guarded by its version. A parcel not registered yet, with parked updates, or
	 * changed by someone else between the read and the write takes the one-by-one way.
	 *
	 * @param whole whether an invalid update rejects the whole batch (an {@link InvalidTrackingUpdateException}
	 *     naming its index, nothing applied); otherwise its result says why and the others are applied
	 */
	public Mono<List<Result>> applyAll(List<InboundTrackingUpdate> updates, String via, boolean whole) {
		var results = new Result[updates.size()];
		var reads = new Read[updates.size()];
		for (int i = 0; i < updates.size(); i++) {
			reads[i] = Read.of(updates.get(i));
			if (reads[i].invalid() != null) {
				if (whole) {
					return Mono.error(new InvalidTrackingUpdateException("[" + i + "] " + reads[i].invalid()));
				}
				results[i] = new Result(null, reads[i].invalid());
			}
		}
		var byShipment = new LinkedHashMap<String, List<Integer>>();
		for (int i = 0; i < updates.size(); i++) {
			if (reads[i].invalid() == null) {
				received(reads[i].key(), reads[i].change(), via);
				byShipment.computeIfAbsent(reads[i].key().id(), id -> new ArrayList<>()).add(i);
			}
		}
		if (byShipment.isEmpty()) {
			return Mono.just(Arrays.asList(results));
		}
		var ids = Criteria.where("_id").in(byShipment.keySet());
		var parkedFor = Criteria.where("shipmentKey").in(byShipment.keySet());
		return Mono.zip(mongo.find(Query.query(ids), Shipment.class).collectMap(shipment -> shipment.key().id()),
				mongo.find(Query.query(parkedFor), ParkedUpdate.class).map(ParkedUpdate::shipmentKey).collectList())
			.flatMap(found -> {
				var oneByOne = new ArrayList<String>();
				var changed = new ArrayList<Shipment>();
				byShipment.forEach((id, indexes) -> {
					var shipment = found.getT1().get(id);
					if (shipment == null || found.getT2().contains(id)) {
						oneByOne.add(id);
						return;
					}
					var any = false;
					for (int i : indexes) {
						var applied = shipment.track(reads[i].change().checkpoint(), reads[i].change().estimate(), clock);
						results[i] = new Result(applied ? Outcome.APPLIED : Outcome.UNCHANGED, null);
						any |= applied;
					}
					if (any) {
						changed.add(shipment);
					}
				});
				return saveAll(changed).flatMapMany(conflicted -> Flux.concat(Flux.fromIterable(oneByOne),
						Flux.fromIterable(conflicted)))
					.concatMap(id -> Flux.fromIterable(byShipment.get(id))
						.concatMap(i -> apply(reads[i].key(), reads[i].change(), updates.get(i))
							.doOnNext(outcome -> results[i] = new Result(outcome, null))))
					.then(Mono.fromSupplier(() -> Arrays.asList(results)));
			});
	}

	/**
	 * Writes changed shipments in one bulk write, each only if still at the version read; emits the
	 * ids to apply again one by one: none when every write found its version, else all of them, for
	 * the result does not tell which ones someone else changed in between (and their version does not
	 * either: the outbox relay moves it on by one too). Applied again, a change that was written
	 * changes nothing.
	 */
	private Mono<List<String>> saveAll(List<Shipment> changed) {
		if (changed.isEmpty()) {
			return Mono.just(List.of());
		}
		var bulk = mongo.bulkOps(BulkMode.UNORDERED, Shipment.class);
		var ids = new ArrayList<String>();
		for (var shipment : changed) {
			ids.add(shipment.key().id());
			bulk.replaceOne(Query.query(Criteria.where("_id").is(shipment.key().id()).and("version")
				.is(shipment.nextVersion())), shipment);
		}
		return bulk.execute().map(result -> {
			ids.forEach(id -> relay.wakeUp(Shipment.COLLECTION, id));
			if (result.getMatchedCount() == changed.size()) {
				return List.<String>of();
			}
			conflicts.increment();
			return ids;
		});
	}

	private void received(ShipmentKey key, Change change, String via) {
		Counter.builder("tracking.updates.received")
			.description("Tracking updates received, by how they came in (api, kafka, aftership) and carrier")
			.tags("via", via, "carrier", key.carrier())
			.register(meters)
			.increment();
		if (change.checkpoint() != null) {
			// how far behind the carrier's own time our data is: a feed that falls behind shows here first
			carrierDataLag.record(Duration.between(change.checkpoint().occurredAt(), clock.instant()).toMillis() / 1000.0);
		}
	}

	private Mono<Outcome> apply(ShipmentKey key, Change change, InboundTrackingUpdate update) {
		return shipments.findById(key.id())
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap(loaded -> loaded.isEmpty() ? park(key, update)
					// what was parked changes the shipment: then it is read again
					: applyParked(key).flatMap(applied -> track(key, change, applied == 0 ? loaded.get() : null)));
	}

	/** An update read: its parcel and its change, or why it is invalid. */
	private record Read(ShipmentKey key, Change change, String invalid) {

		static Read of(InboundTrackingUpdate update) {
			try {
				return new Read(ShipmentKey.of(update.carrier(), update.trackingNumber()), Change.of(update), null);
			}
			catch (IllegalArgumentException ex) {
				return new Read(null, null, ex.getMessage());
			}
		}

	}

	/** A checkpoint and an estimate, either possibly absent, read from an update. */
	private record Change(Checkpoint checkpoint, Instant estimate) {

		static Change of(InboundTrackingUpdate update) {
			// an estimate alone (a carrier revising its date before the first scan) is an update too
			var estimateOnly = update.status() == null && update.checkpointTime() == null
					&& update.estimatedDelivery() != null;
			return new Change(estimateOnly ? null : checkpointOf(update),
					CarrierTime.parse("estimatedDelivery", update.estimatedDelivery(), update.location()));
		}

	}

	/** Applies a change to a registered shipment. */
	private Mono<Outcome> track(ShipmentKey key, Change change) {
		return track(key, change, null);
	}

	/**
	 * Applies a change to a registered shipment, starting from {@code loaded} when given (read just
	 * now); a retry after a concurrent change reads it again.
	 */
	private Mono<Outcome> track(ShipmentKey key, Change change, Shipment loaded) {
		var first = new AtomicReference<>(loaded);
		return Mono.defer(() -> Mono.justOrEmpty(first.getAndSet(null))
			.switchIfEmpty(Mono.defer(() -> shipments.findById(key.id())))
			.flatMap(shipment -> shipment.track(change.checkpoint(), change.estimate(), clock)
					? shipments.save(shipment).doOnNext(saved -> relay.wakeUp(Shipment.COLLECTION, key.id())).thenReturn(Outcome.APPLIED)
					: Mono.just(Outcome.UNCHANGED)))
			.retryWhen(ON_CONCURRENT_CHANGE);
	}

	private Mono<Outcome> park(ShipmentKey key, InboundTrackingUpdate update) {
		var parked = new ParkedUpdate(UUID.randomUUID().toString(), key.id(), update, clock.instant());
		Counter.builder("tracking.updates.parked")
			.description("Tracking updates parked because their shipment is not registered yet")
			.register(meters)
			.increment();
		// the parcel may have registered meanwhile: apply what waits now rather than at the next update
		return mongo.insert(parked)
			.then(shipments.existsById(key.id()))
			.flatMap(registered -> registered ? applyParked(key).thenReturn(Outcome.APPLIED) : Mono.just(Outcome.PARKED));
	}

	/**
	 * Applies the updates parked for a registered parcel in the order they came, each removed once
	 * applied. Two callers at once apply the same ones twice, which changes nothing the second time.
	 */
	private Mono<Long> applyParked(ShipmentKey key) {
		var waiting = Query.query(Criteria.where("shipmentKey").is(key.id())).with(Sort.by("parkedAt"));
		return mongo.find(waiting, ParkedUpdate.class)
			.concatMap(parked -> track(key, Change.of(parked.update())).then(mongo.remove(parked)).thenReturn(1L))
			.reduce(0L, Long::sum);
	}

	private static Checkpoint checkpointOf(InboundTrackingUpdate update) {
		if (update.status() == null) {
			throw new IllegalArgumentException("status: required");
		}
		var time = CarrierTime.parse("checkpointTime", update.checkpointTime(), update.location());
		if (time == null) {
			throw new IllegalArgumentException("checkpointTime: required");
		}
		// an exception always names its reason, OTHER when the carrier gives none
		var reason = update.reason() == null && update.status() == TrackingStatus.EXCEPTION ? ExceptionReason.OTHER
				: update.reason();
		return new Checkpoint(time.truncatedTo(ChronoUnit.MILLIS), update.status(), update.subStatus(), reason,
				update.message(), update.location());
	}

	/** The shipments of an order, registered first first. */
	public Flux<Shipment> ofOrder(String orderId) {
		return shipments.findByOrderId(orderId).sort(java.util.Comparator.comparing(Shipment::registeredAt));
	}

	/** The shipments with a tracking number (one per carrier using it). */
	public Flux<Shipment> withTrackingNumber(String trackingNumber) {
		return shipments.findByTrackingNumber(trackingNumber.trim().toUpperCase(java.util.Locale.ROOT));
	}

}
