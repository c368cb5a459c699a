package dev.postpurchase.tracking.shipment;

import java.util.List;

import dev.postpurchase.contracts.shipment.Checkpoint;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.TrackingStatus;

/**
 * A shipment's status, derived from its whole checkpoint history in carrier time order, so it is
 * the same whatever order the checkpoints arrived in:
 * <ul>
 * <li>a checkpoint moves the status when its rank is not lower (statuses never go backwards);</li>
 * <li>after an exception or a failed attempt, any later scan moves it (the parcel is moving
 * again);</li>
 * <li>Delivered is final, except for a return to sender.</li>
 * </ul>
 */
final class StatusRules {

	private StatusRules() {
	}

	/** The checkpoint that decides the status; null while there is none. */
	static Checkpoint deciding(List<Checkpoint> timeOrdered) {
		Checkpoint current = null;
		for (var checkpoint : timeOrdered) {
			if (current == null || moves(current.status(), checkpoint)) {
				current = checkpoint;
			}
		}
		return current;
	}

	private static boolean moves(TrackingStatus current, Checkpoint next) {
		if (current == TrackingStatus.DELIVERED) {
			return next.status() == TrackingStatus.EXCEPTION && next.reason() == ExceptionReason.RETURNED_TO_SENDER;
		}
		return next.status().supersedes(current) || current == TrackingStatus.EXCEPTION
				|| current == TrackingStatus.ATTEMPT_FAIL;
	}

}
