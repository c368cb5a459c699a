package dev.postpurchase.contracts;

/**
 * Kafka topic names of the platform. Every record is keyed by order id, so the events of one order
 * stay in order on one partition.
 */
public final class Topics {

	/** Canonical order messages from e-commerce platforms (external contract). */
	public static final String ORDERS_INBOUND = "orders.inbound";

	/** OrderPlaced, OrderConfirmed, OrderCancelled, OrderShipped, SupportContactLogged. */
	public static final String ORDER_EVENTS = "order.events";

	/** Canonical tracking updates from carriers and aggregators (external contract). */
	public static final String TRACKING_INBOUND = "tracking.inbound";

	/** ShipmentRegistered, ShipmentStatusChanged, DeliveryEstimateRevised, ShipmentDelivered. */
	public static final String SHIPMENT_EVENTS = "shipment.events";

	/** DeliveryExceptionRaised, DeliveryExceptionResolved. */
	public static final String DELIVERY_EXCEPTION_EVENTS = "delivery-exception.events";

	/** NotificationSent, NotificationFailed, NotificationSuppressed, NotificationEngaged. */
	public static final String NOTIFICATION_EVENTS = "notification.events";

	/**
	 * The return lifecycle, refunds and exchanges: ReturnRequested, ReturnApproved, ReturnRejected,
	 * ReturnLabelIssued, ReturnInTransit, ReturnReceived, RefundIssued, RefundFailed, ExchangeRequested,
	 * ReturnClosed.
	 */
	public static final String RETURN_EVENTS = "return.events";

	/** SurveyAnswered. */
	public static final String FEEDBACK_EVENTS = "feedback.events";

	/** CustomerErasureRequested (GDPR), keyed by customer id. */
	public static final String CUSTOMER_ERASURE = "customer.erasure";

	private static final String DEAD_LETTER_SUFFIX = ".DLT";

	private Topics() {
	}

	/** The dead-letter topic of a topic: records that failed after retries land there. */
	public static String deadLetter(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

}
