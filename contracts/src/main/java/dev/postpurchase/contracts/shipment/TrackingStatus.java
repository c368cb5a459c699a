package dev.postpurchase.contracts.shipment;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Carrier status of a shipment (the tags trackers such as AfterShip use). The rank orders them: a
 * status of lower rank arriving after one of higher rank is an out-of-order carrier event and never
 * moves a shipment backwards.
 */
public enum TrackingStatus {

	@JsonProperty("Pending") PENDING(0),
	@JsonProperty("InfoReceived") INFO_RECEIVED(1),
	@JsonProperty("InTransit") IN_TRANSIT(2),
	@JsonProperty("OutForDelivery") OUT_FOR_DELIVERY(3),
	@JsonProperty("AttemptFail") ATTEMPT_FAIL(3),
	@JsonProperty("AvailableForPickup") AVAILABLE_FOR_PICKUP(3),
	@JsonProperty("Exception") EXCEPTION(3),
	@JsonProperty("Expired") EXPIRED(4),
	@JsonProperty("Delivered") DELIVERED(5);

	private final int rank;

	TrackingStatus(int rank) {
		this.rank = rank;
	}

	public int rank() {
		return rank;
	}

	/**
	 * Whether this status may replace {@code current} as a shipment's status: statuses of equal rank
	 * replace each other (out for delivery, a failed attempt, out for delivery again).
	 */
	public boolean supersedes(TrackingStatus current) {
		return current == null || rank >= current.rank;
	}

}
