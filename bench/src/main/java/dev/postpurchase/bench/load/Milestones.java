package dev.postpurchase.bench.load;

/** The milestone messages the benchmark follows, one bit each in a parcel's decided set. */
final class Milestones {

	static final int ORDER_CONFIRMED = 1;

	static final int SHIPPED = 2;

	static final int OUT_FOR_DELIVERY = 4;

	static final int DELIVERED = 8;

	/** The messages of a parcel's journey: shipped (email), out for delivery (SMS), delivered (email). */
	static final int JOURNEY = SHIPPED | OUT_FOR_DELIVERY | DELIVERED;

	private Milestones() {
	}

	/** The bit of a milestone as notification.events names it; 0 for the others. */
	static int bit(String milestone) {
		return switch (milestone) {
			case "ORDER_CONFIRMED" -> ORDER_CONFIRMED;
			case "SHIPPED" -> SHIPPED;
			case "OUT_FOR_DELIVERY" -> OUT_FOR_DELIVERY;
			case "DELIVERED" -> DELIVERED;
			default -> 0;
		};
	}
}
