package dev.postpurchase.returns.request;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a return stands, and where it may go from there. Anything else is an illegal transition
 * (409).
 *
 * <pre>
 * REQUESTED → APPROVED | REJECTED
 * APPROVED → LABEL_ISSUED (mail-in) | RECEIVED (drop-off, in store)
 * LABEL_ISSUED → IN_TRANSIT | RECEIVED (the parcel's first scan may be its delivery)
 * IN_TRANSIT → RECEIVED
 * RECEIVED → REFUNDED | STORE_CREDITED | EXCHANGED | REFUND_FAILED
 * REFUND_FAILED → REFUNDED | REFUND_FAILED (a retry)
 * REFUNDED | STORE_CREDITED | EXCHANGED | REJECTED → CLOSED
 * </pre>
 */
public enum ReturnState {

	REQUESTED, APPROVED, REJECTED, LABEL_ISSUED, IN_TRANSIT, RECEIVED, REFUND_FAILED, REFUNDED, STORE_CREDITED,
	EXCHANGED, CLOSED;

	private static final Map<ReturnState, Set<ReturnState>> NEXT = Map.ofEntries(
			Map.entry(REQUESTED, EnumSet.of(APPROVED, REJECTED)),
			Map.entry(APPROVED, EnumSet.of(LABEL_ISSUED, RECEIVED)),
			Map.entry(LABEL_ISSUED, EnumSet.of(IN_TRANSIT, RECEIVED)),
			Map.entry(IN_TRANSIT, EnumSet.of(RECEIVED)),
			Map.entry(RECEIVED, EnumSet.of(REFUNDED, STORE_CREDITED, EXCHANGED, REFUND_FAILED)),
			Map.entry(REFUND_FAILED, EnumSet.of(REFUNDED, REFUND_FAILED)),
			Map.entry(REFUNDED, EnumSet.of(CLOSED)),
			Map.entry(STORE_CREDITED, EnumSet.of(CLOSED)),
			Map.entry(EXCHANGED, EnumSet.of(CLOSED)),
			Map.entry(REJECTED, EnumSet.of(CLOSED)),
			Map.entry(CLOSED, EnumSet.noneOf(ReturnState.class)));

	/** Whether a return in this state may move to {@code next}. */
	public boolean canMoveTo(ReturnState next) {
		return NEXT.get(this).contains(next);
	}

	/** The states a return may be in when it moves to {@code next}. */
	public static Set<ReturnState> before(ReturnState next) {
		var from = EnumSet.noneOf(ReturnState.class);
		NEXT.forEach((state, targets) -> {
			if (targets.contains(next)) {
				from.add(state);
			}
		});
		return from;
	}

}
