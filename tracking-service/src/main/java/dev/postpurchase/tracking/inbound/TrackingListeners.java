package dev.postpurchase.tracking.inbound;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.order.OrderShipped;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.kit.kafka.PoisonMessageException;
import dev.postpurchase.tracking.shipment.InvalidTrackingUpdateException;
import dev.postpurchase.tracking.shipment.Registration;
import dev.postpurchase.tracking.shipment.TrackingUpdates;

/**
 * Parcels to follow from {@code order.events} (OrderShipped), and canonical carrier updates from
 * {@code tracking.inbound}. Both are idempotent (registration by parcel, checkpoints by content), so
 * a redelivery changes nothing; an invalid update goes to {@code tracking.inbound.DLT}.
 */
@Component
class TrackingListeners {

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

	private final TrackingUpdates tracking;

	TrackingListeners(TrackingUpdates tracking) {
		this.tracking = tracking;
	}

	@KafkaListener(id = "tracking-orders", groupId = "tracking-service.orders", topics = Topics.ORDER_EVENTS)
	void onOrderEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof OrderShipped shipped) {
			tracking.register(new Registration(shipped.shipmentId(), shipped.orderId(), shipped.carrier(),
					shipped.trackingNumber(), Direction.OUTBOUND, null, shipped.promise(), shipped.salesChannel()))
				.onErrorMap(InvalidTrackingUpdateException.class, ex -> new PoisonMessageException(ex.getMessage()))
				.block(WRITE_TIMEOUT);
		}
	}

	@KafkaListener(id = "tracking-inbound", groupId = "tracking-service.inbound", topics = Topics.TRACKING_INBOUND)
	void onTrackingUpdate(ConsumerRecord<String, Object> record) {
		if (!(record.value() instanceof InboundTrackingUpdate update)) {
			throw new PoisonMessageException("Not a tracking update: " + record.value().getClass().getSimpleName());
		}
		tracking.apply(update, "kafka")
			.onErrorMap(InvalidTrackingUpdateException.class, ex -> new PoisonMessageException(ex.getMessage()))
			.block(WRITE_TIMEOUT);
	}

}
