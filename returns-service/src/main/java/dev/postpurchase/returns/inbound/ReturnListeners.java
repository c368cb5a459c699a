package dev.postpurchase.returns.inbound;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.shipment.Direction;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.returns.request.ReturnDesk;
import dev.postpurchase.returns.request.Returns;

/**
 * The return parcels' carrier scans move their returns on by themselves (in transit, then received
 * at the warehouse), once per scan event; and erasure requests remove the customers' free text.
 */
@Component
class ReturnListeners {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final ReturnDesk desk;

	private final Returns returns;

	ReturnListeners(ReturnDesk desk, Returns returns) {
		this.desk = desk;
		this.returns = returns;
	}

	@KafkaListener(id = "returns-parcels", groupId = "returns-service.parcels", topics = Topics.SHIPMENT_EVENTS)
	void onShipmentEvent(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof ShipmentStatusChanged changed && changed.direction() == Direction.RETURN
				&& changed.returnId() != null && changed.status() != TrackingStatus.DELIVERED
				&& changed.status().rank() > TrackingStatus.INFO_RECEIVED.rank()) {
			desk.inTransit(changed.returnId(), changed.eventId()).block(TIMEOUT);
		}
		else if (record.value() instanceof ShipmentDelivered delivered && delivered.direction() == Direction.RETURN
				&& delivered.returnId() != null) {
			desk.delivered(delivered.returnId(), delivered.eventId()).block(TIMEOUT);
		}
	}

	@KafkaListener(id = "returns-erasure", groupId = "returns-service.erasure", topics = Topics.CUSTOMER_ERASURE)
	void onErasure(ConsumerRecord<String, Object> record) {
		if (record.value() instanceof CustomerErasureRequested request) {
			returns.erase(request.customerId()).block(TIMEOUT);
		}
	}

}
