package dev.postpurchase.contracts.exception;

/** What kind of delivery problem was detected. */
public enum ExceptionKind {

	/** The promise has passed or the carrier's estimate is beyond it. */
	LATE,
	/** No carrier scan for longer than the stall threshold. */
	STALLED,
	/** The carrier could not deliver (attempt failed, refused, address issue). */
	FAILED_DELIVERY,
	/** The carrier reported an exception (damaged, lost, customs, weather...). */
	CARRIER_EXCEPTION

}
