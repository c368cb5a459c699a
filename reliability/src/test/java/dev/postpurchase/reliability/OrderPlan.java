package dev.postpurchase.reliability;

import java.time.Instant;
import java.util.List;

import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.TrackingStatus;

/**
 * One order of a stream, planned before it is sent: how it comes in, who bought it, how its parcel
 * travels and whether it comes back. What the platform must do with it follows from the plan
 * ({@link Expectations}).
 *
 * @param source how the platform sends the order
 * @param externalOrderId the platform's order number (for Shopify, its numeric order id)
 * @param orderId the id order-service derives from source and number
 * @param scans the carrier updates in the order they are sent (a carrier feed may repeat or reorder them)
 * @param returned whether the customer sends one item back for a refund once it is delivered
 */
record OrderPlan(int index, Source source, String externalOrderId, String orderId, Buyer buyer,
		String carrier, String trackingNumber, List<Update> scans, boolean returned) {

	/** How an order reaches order-service. */
	enum Source {

		/** {@code POST /api/v1/orders}, canonical JSON, paid by Stripe. */
		REST,

		/** A signed Shopify {@code orders/create} webhook (Shopify orders carry no payment to refund against). */
		SHOPIFY,

		/** A canonical order record on {@code orders.inbound}, paid by Stripe. */
		KAFKA

	}

	/** How a carrier update reaches tracking-service. */
	enum Via {

		/** {@code POST /api/v1/tracking-events}, one canonical update. */
		REST,

		/** A record on {@code tracking.inbound}, one canonical update. */
		KAFKA,

		/** A signed AfterShip webhook carrying every checkpoint of the parcel up to this one. */
		AFTERSHIP

	}

	/**
	 * The customer: every one agreed to email; texts as given, with a phone number when they agreed to any.
	 *
	 * @param customerId the platform's id (for Shopify, its numeric customer id)
	 */
	record Buyer(String customerId, String email, String phone, boolean sms, boolean whatsapp) {
	}

	/**
	 * One carrier checkpoint as sent.
	 *
	 * @param upTo for an AfterShip webhook, the parcel's checkpoints it carries (oldest first, ending with
	 *     this one); otherwise just this one
	 */
	record Update(Checkpoint checkpoint, Via via, List<Checkpoint> upTo) {
	}

	/** A carrier scan: when, what, and why for an exception. */
	record Checkpoint(Instant time, TrackingStatus status, String subStatus, ExceptionReason reason, String message) {
	}

	/** The sku that is returned when the order is returned. */
	static final String RETURNED_SKU = "SKU-REL-MUG";

	/** What one unit of it costs, in cents; two are ordered. */
	static final long RETURNED_PRICE_CENTS = 1450;

}
