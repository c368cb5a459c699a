package dev.postpurchase.notification.inbound;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.notification.message.Notifier;
import dev.postpurchase.notification.message.Trigger;
import dev.postpurchase.notification.recipient.Recipients;

/**
 * The triggers of customer messages from {@code order.events} and {@code shipment.events}, and
 * erasure requests from {@code customer.erasure}. Every one is idempotent (the ledger claims a
 * message once), so a redelivery sends nothing again.
 */
@Component
class NotificationListeners {

	// sending an email may take a few SMTP round trips
	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final Recipients recipients;

	private final Notifier notifier;

	NotificationListeners(Recipients recipients, Notifier notifier) {
		this.recipients = recipients;
		this.notifier = notifier;
	}

	@KafkaListener(id = "notification-orders", groupId = "notification-service.orders", topics = Topics.ORDER_EVENTS)
	void onOrderEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof OrderPlaced placed) {
			recipients.remember(placed)
				.then(notifier.on(Trigger.ORDER_PLACED, placed.orderId(), placed.eventId()))
				.block(TIMEOUT);
		}
	}

	@KafkaListener(id = "notification-shipments", groupId = "notification-service.shipments",
			topics = Topics.SHIPMENT_EVENTS)
	void onShipmentEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof ShipmentStatusChanged changed && changed.direction() != Direction.RETURN
				&& changed.status() == TrackingStatus.IN_TRANSIT) {
			notifier.on(Trigger.IN_TRANSIT, changed.orderId(), changed.eventId()).block(TIMEOUT);
		}
		else if (record.value() instanceof ShipmentDelivered delivered && delivered.direction() != Direction.RETURN) {
			notifier.on(Trigger.DELIVERED, delivered.orderId(), delivered.eventId()).block(TIMEOUT);
		}
	}

	@KafkaListener(id = "notification-erasure", groupId = "notification-service.erasure",
			topics = Topics.CUSTOMER_ERASURE)
	void onErasure(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof CustomerErasureRequested request) {
			recipients.erase(request.customerId()).block(TIMEOUT);
		}
	}

}
