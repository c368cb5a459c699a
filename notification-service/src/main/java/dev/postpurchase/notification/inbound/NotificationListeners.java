package dev.postpurchase.notification.inbound;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.order.OrderCancelled;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnApproved;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.kit.kafka.KafkaSettings;
import dev.postpurchase.kit.kafka.KeyedBatch;
import dev.postpurchase.notification.message.MessageDetails;
import dev.postpurchase.notification.message.Notifier;
import dev.postpurchase.notification.message.Prefetched;
import dev.postpurchase.notification.message.Trigger;
import dev.postpurchase.notification.recipient.Recipients;
import reactor.core.publisher.Mono;

/**
 * The triggers of customer messages from {@code order.events}, {@code shipment.events},
 * {@code delivery-exception.events} and {@code return.events}, and erasure requests from
 * {@code customer.erasure}. Every one is idempotent (the ledger claims a message once), so a
 * redelivery sends nothing again. Return parcels' own shipment events say nothing to the customer:
 * the return's events do.
 */
@Component
class NotificationListeners {

	// sending may take a few provider round trips, with retries
	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final Recipients recipients;

	private final Notifier notifier;

	NotificationListeners(Recipients recipients, Notifier notifier) {
		this.recipients = recipients;
		this.notifier = notifier;
	}

	/**
	 * Orders' events, a poll's worth at a time: one order's in order, different orders side by side
	 * ({@link KeyedBatch}).
	 */
	@KafkaListener(id = "notification-orders", groupId = "notification-service.orders", topics = Topics.ORDER_EVENTS,
			concurrency = KafkaSettings.CONSUMER_PER_PARTITION, batch = "true")
	void onOrderEvents(List<ConsumerRecord<String, Object>> records) {
		KeyedBatch.handle(records, record -> {
			if (record.value() instanceof OrderPlaced placed) {
				var promise = placed.promise();
				return recipients.remember(placed)
					.then(notifier.on(Trigger.ORDER_PLACED, placed.orderId(), placed.eventId(),
							new MessageDetails(null, promise == null ? null : promise.by(), null, null, null, null, null,
									null)));
			}
			if (record.value() instanceof OrderCancelled cancelled) {
				return notifier.on(Trigger.ORDER_CANCELLED, cancelled.orderId(), cancelled.eventId(), MessageDetails.NONE);
			}
			return Mono.empty();
		});
	}

	/**
	 * Shipments' events, a poll's worth at a time: what the batch's messages need read together
	 * ({@link Notifier#prefetch}), then one order's messages in order, different orders side by side
	 * ({@link KeyedBatch}).
	 */
	@KafkaListener(id = "notification-shipments", groupId = "notification-service.shipments", topics = Topics.SHIPMENT_EVENTS,
			concurrency = KafkaSettings.CONSUMER_PER_PARTITION, batch = "true")
	void onShipmentEvents(List<ConsumerRecord<String, Object>> records) {
		var calls = new IdentityHashMap<ConsumerRecord<String, Object>, Call>();
		records.forEach(record -> {
			var call = shipmentTrigger(record.value());
			if (call != null) {
				calls.put(record, call);
			}
		});
		Prefetched known;
		try {
			known = notifier.prefetch(records.stream()
				.map(calls::get)
				.filter(Objects::nonNull)
				.map(call -> new Notifier.Ask(call.orderId(), call.trigger()))
				.toList()).block(TIMEOUT);
		}
		catch (RuntimeException ex) {
			throw new BatchListenerFailedException("Recipients and ledger not read", ex, 0);
		}
		KeyedBatch.handle(records, record -> {
			var call = calls.get(record);
			return call == null ? Mono.empty()
					: notifier.on(call.trigger(), call.orderId(), call.eventId(), call.details(), known);
		});
	}

	/** The message a shipment's event asks for; {@code null} when none (return parcels' events, say). */
	private static Call shipmentTrigger(Object event) {
		if (event instanceof ShipmentStatusChanged changed && changed.direction() != Direction.RETURN) {
			var trigger = changed.status() == TrackingStatus.IN_TRANSIT ? Trigger.IN_TRANSIT
					: changed.status() == TrackingStatus.OUT_FOR_DELIVERY ? Trigger.OUT_FOR_DELIVERY : null;
			return trigger == null ? null : new Call(trigger, changed.orderId(), changed.eventId(), new MessageDetails(
					changed.estimatedDelivery(), null, null, changed.carrier(), null, null, null, null));
		}
		if (event instanceof ShipmentDelivered delivered && delivered.direction() != Direction.RETURN) {
			return new Call(Trigger.DELIVERED, delivered.orderId(), delivered.eventId(), new MessageDetails(null,
					delivered.promise() == null ? null : delivered.promise().by(), null, delivered.carrier(), null, null,
					null, null));
		}
		return null;
	}

	@KafkaListener(id = "notification-exceptions", groupId = "notification-service.exceptions",
			topics = Topics.DELIVERY_EXCEPTION_EVENTS)
	void onExceptionEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof DeliveryExceptionRaised raised) {
			var trigger = switch (raised.kind()) {
				case LATE, STALLED, NO_INFO -> Trigger.DELIVERY_LATE;
				case FAILED_ATTEMPT, CARRIER_EXCEPTION, PICKUP_EXPIRING, EXPIRED -> Trigger.DELIVERY_PROBLEM;
			};
			notifier.on(trigger, raised.orderId(), raised.eventId(), new MessageDetails(raised.newEstimate(),
					raised.promise() == null ? null : raised.promise().by(), raised.kind(), raised.carrier(), null, null,
					null, null))
				.block(TIMEOUT);
		}
	}

	@KafkaListener(id = "notification-returns", groupId = "notification-service.returns", topics = Topics.RETURN_EVENTS)
	void onReturnEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof ReturnApproved approved) {
			notifier.on(Trigger.RETURN_APPROVED, approved.orderId(), approved.eventId(), new MessageDetails(null, null,
					null, approved.label() == null ? null : approved.label().carrier(), approved.method(),
					approved.label() == null ? null : approved.label().labelUrl(), null, null))
				.block(TIMEOUT);
		}
		else if (record.value() instanceof RefundIssued refund) {
			notifier.on(Trigger.REFUND_ISSUED, refund.orderId(), refund.eventId(), new MessageDetails(null, null, null,
					null, null, null, refund.amount(), refund.outcome()))
				.block(TIMEOUT);
		}
	}

	@KafkaListener(id = "notification-erasure", groupId = "notification-service.erasure",
			topics = Topics.CUSTOMER_ERASURE)
	void onErasure(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof CustomerErasureRequested request) {
			recipients.erase(request.customerId()).block(TIMEOUT);
		}
	}

	private record Call(Trigger trigger, String orderId, UUID eventId, MessageDetails details) {
	}

}
