package dev.postpurchase.contracts.exception;

/** What kind of delivery problem was detected. A shipment has at most one open exception per kind. */
public enum ExceptionKind {

	/** The promised delivery time has passed (in the customer's time zone) and the parcel is not delivered. */
	LATE,
	/**
	 * No carrier scan for longer than the stall threshold, counted in business hours: weekends and
	 * configured holidays do not count.
	 */
	STALLED,
	/** The shipment was registered but the carrier has not scanned it after N days: no first scan yet. */
	NO_INFO,
	/** The carrier tried to deliver and failed (tracking status AttemptFail). */
	FAILED_ATTEMPT,
	/**
	 * The carrier reported an exception (tracking status Exception); the event's reason says why
	 * (delay, customs, damaged, lost, refused...).
	 */
	CARRIER_EXCEPTION,
	/**
	 * The parcel waits at a pickup point (tracking status AvailableForPickup) and is nearing the end of
	 * its hold period: uncollected, it goes back to the sender.
	 */
	PICKUP_EXPIRING,
	/** The tracker stopped tracking the shipment (tracking status Expired) before it was delivered. */
	EXPIRED

}
