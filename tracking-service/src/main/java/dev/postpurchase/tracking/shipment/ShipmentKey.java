package dev.postpurchase.tracking.shipment;

import dev.postpurchase.contracts.shipment.Carriers;

/**
 * A parcel as carriers know it: normalized carrier id and tracking number. It is the shipment
 * document's id, so every way an update arrives finds its shipment by id, and registering the same
 * parcel twice stores it once.
 */
public record ShipmentKey(String carrier, String trackingNumber) {

	public static ShipmentKey of(String carrier, String trackingNumber) {
		if (trackingNumber == null || trackingNumber.isBlank()) {
			throw new IllegalArgumentException("trackingNumber: required");
		}
		return new ShipmentKey(Carriers.normalize(carrier), trackingNumber.trim().toUpperCase(java.util.Locale.ROOT));
	}

	public String id() {
		return carrier + ":" + trackingNumber;
	}

}
