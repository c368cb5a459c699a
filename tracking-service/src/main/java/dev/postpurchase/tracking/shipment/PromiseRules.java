package dev.postpurchase.tracking.shipment;

import java.time.Instant;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.shipment.PromiseState;

/**
 * A shipment measured against the promise made to the customer. The promise's {@code by} is the end
 * of the promised day in the customer's time zone, so "delivered on time" means on or before that
 * day there; "early" means a day before it (or before the window when the promise is a window).
 */
final class PromiseRules {

	private PromiseRules() {
	}

	static PromiseState delivered(DeliveryPromise promise, Instant deliveredAt) {
		if (promise == null || promise.by() == null) {
			return PromiseState.DELIVERED_ON_TIME;
		}
		if (deliveredAt.isAfter(promise.by())) {
			return PromiseState.DELIVERED_LATE;
		}
		var zone = promise.timeZone();
		var early = promise.from() != null ? deliveredAt.isBefore(promise.from())
				: deliveredAt.atZone(zone).toLocalDate().isBefore(promise.by().atZone(zone).toLocalDate());
		return early ? PromiseState.DELIVERED_EARLY : PromiseState.DELIVERED_ON_TIME;
	}

	/** While open: late once the promise passed; at risk when the estimate is beyond it or the parcel stalls. */
	static PromiseState open(DeliveryPromise promise, Instant estimate, boolean stalled, Instant now) {
		if (promise == null || promise.by() == null) {
			return stalled ? PromiseState.AT_RISK : PromiseState.ON_TRACK;
		}
		if (now.isAfter(promise.by())) {
			return PromiseState.LATE;
		}
		if (stalled || (estimate != null && estimate.isAfter(promise.by()))) {
			return PromiseState.AT_RISK;
		}
		return PromiseState.ON_TRACK;
	}

}
