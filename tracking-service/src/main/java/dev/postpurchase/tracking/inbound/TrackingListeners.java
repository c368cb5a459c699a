package dev.postpurchase.tracking.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.order.OrderShipped;
import dev.postpurchase.contracts.returns.ReturnLabelIssued;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.kit.kafka.KafkaSettings;
import dev.postpurchase.kit.kafka.KeyedBatch;
import dev.postpurchase.kit.kafka.PoisonMessageException;
import dev.postpurchase.tracking.shipment.InvalidTrackingUpdateException;
import dev.postpurchase.tracking.shipment.Registration;
import dev.postpurchase.tracking.shipment.TrackingUpdates;
import reactor.core.publisher.Mono;

/**
 * Parcels to follow from {@code order.events} (OrderShipped: outbound, against the order's delivery
 * promise) and {@code return.events} (ReturnLabelIssued: a mail-in return coming back, no promise),
 * and canonical carrier updates from {@code tracking.inbound}. All are idempotent (registration by
 * parcel, checkpoints by content), so a redelivery changes nothing; an invalid record goes to its
 * topic's {@code .DLT}.
 */
@Component
class TrackingListeners {

	private static final Logger log = LoggerFactory.getLogger(TrackingListeners.class);

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

	private final TrackingUpdates tracking;

	TrackingListeners(TrackingUpdates tracking) {
		this.tracking = tracking;
	}

	/** Parcels shipped, a poll's worth at a time, different orders' side by side ({@link KeyedBatch}). */
	@KafkaListener(id = "tracking-orders", groupId = "tracking-service.orders", topics = Topics.ORDER_EVENTS,
			concurrency = KafkaSettings.CONSUMER_PER_PARTITION, batch = "true")
	void onOrderEvents(List<ConsumerRecord<String, Object>> records) {
		KeyedBatch.handle(records, record -> record.value() instanceof OrderShipped shipped
				? tracking.register(new Registration(shipped.shipmentId(), shipped.orderId(), shipped.carrier(),
						shipped.trackingNumber(), Direction.OUTBOUND, null, shipped.promise(), shipped.salesChannel()))
					.onErrorMap(InvalidTrackingUpdateException.class, ex -> new PoisonMessageException(ex.getMessage()))
				: Mono.empty());
	}

	/**
	 * The return parcel of a mail-in return, registered from its label: direction RETURN with the
	 * return's id, so its scans publish with them. A parcel already followed (a redelivery) stays as
	 * it is; one followed as something else (a tracking number reused) is logged, not changed.
	 */
	@KafkaListener(id = "tracking-returns", groupId = "tracking-service.returns", topics = Topics.RETURN_EVENTS)
	void onReturnEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof ReturnLabelIssued label) {
			var followed = tracking.register(new Registration(null, label.orderId(), label.carrier(),
					label.trackingNumber(), Direction.RETURN, label.returnId(), null, null))
				.onErrorMap(InvalidTrackingUpdateException.class, ex -> new PoisonMessageException(ex.getMessage()))
				.block(WRITE_TIMEOUT);
			if (followed != null && (!followed.isReturn() || !Objects.equals(followed.returnId(), label.returnId()))) {
				log.warn("The label of return {} names a parcel already followed as shipment {} ({}, return {}): "
						+ "not registered again", label.returnId(), followed.shipmentId(), followed.direction(),
						followed.returnId());
			}
		}
	}

	/**
	 * Carrier updates, a poll's worth at a time ({@link TrackingUpdates#applyAll}). Offsets are
	 * committed up to the first record that is not a valid update, which goes to the dead-letter topic;
	 * the records after it come again (applied already, they change nothing). When the batch cannot be
	 * applied (MongoDB unreachable), it is retried from its first record, which goes to the dead-letter
	 * topic only once the retries are spent, as a single record would.
	 */
	@KafkaListener(id = "tracking-inbound", groupId = "tracking-service.inbound", topics = Topics.TRACKING_INBOUND,
			concurrency = KafkaSettings.CONSUMER_PER_PARTITION, batch = "true")
	void onTrackingUpdates(List<ConsumerRecord<String, Object>> records) {
		var updates = new ArrayList<InboundTrackingUpdate>(records.size());
		for (var record : records) {
			if (!(record.value() instanceof InboundTrackingUpdate update)) {
				break;
			}
			updates.add(update);
		}
		List<TrackingUpdates.Result> results;
		try {
			results = tracking.applyAll(updates, "kafka", false).block(WRITE_TIMEOUT);
		}
		catch (RuntimeException ex) {
			throw new BatchListenerFailedException("Tracking updates not applied", ex, 0);
		}
		for (int i = 0; i < results.size(); i++) {
			if (results.get(i).invalid() != null) {
				throw new BatchListenerFailedException("Invalid tracking update",
						new PoisonMessageException(results.get(i).invalid()), i);
			}
		}
		if (updates.size() < records.size()) {
			var value = records.get(updates.size()).value();
			// a JSON null, or a record that could not be read, reads as no value at all
			throw new BatchListenerFailedException("Not a tracking update", new PoisonMessageException(
					"Not a tracking update: " + (value == null ? "null" : value.getClass().getSimpleName())),
					updates.size());
		}
	}

}
