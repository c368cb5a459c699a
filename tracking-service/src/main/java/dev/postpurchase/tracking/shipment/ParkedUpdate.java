package dev.postpurchase.tracking.shipment;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;

/** A tracking update for a parcel not registered yet, kept until it is. */
@Document("parked_updates")
record ParkedUpdate(@Id String id, String shipmentKey, InboundTrackingUpdate update, Instant parkedAt) {

}
