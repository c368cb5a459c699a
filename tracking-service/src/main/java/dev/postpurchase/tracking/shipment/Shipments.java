package dev.postpurchase.tracking.shipment;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;

import reactor.core.publisher.Flux;

/** The followed parcels, by {@link ShipmentKey#id()}. */
public interface Shipments extends ReactiveCrudRepository<Shipment, String> {

	Flux<Shipment> findByOrderId(String orderId);

	Flux<Shipment> findByTrackingNumber(String trackingNumber);

}
