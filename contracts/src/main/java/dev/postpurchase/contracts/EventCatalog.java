package dev.postpurchase.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.feedback.SurveyAnswered;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.notification.NotificationEngaged;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.contracts.order.OrderCancelled;
import dev.postpurchase.contracts.order.OrderConfirmed;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.OrderShipped;
import dev.postpurchase.contracts.order.SupportContactLogged;
import dev.postpurchase.contracts.returns.ExchangeRequested;
import dev.postpurchase.contracts.returns.RefundFailed;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnApproved;
import dev.postpurchase.contracts.returns.ReturnClosed;
import dev.postpurchase.contracts.returns.ReturnInTransit;
import dev.postpurchase.contracts.returns.ReturnLabelIssued;
import dev.postpurchase.contracts.returns.ReturnReceived;
import dev.postpurchase.contracts.returns.ReturnRejected;
import dev.postpurchase.contracts.returns.ReturnRequested;
import dev.postpurchase.contracts.shipment.DeliveryEstimateRevised;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;

/**
 * Every message type of the platform, the single place where type ids, records and topics meet.
 * Producers and consumers look types up here; no Java class name ever travels on the wire.
 */
public final class EventCatalog {

	private static final List<MessageType> EVENTS = List.of(
			event(OrderPlaced.TYPE, OrderPlaced.class, Topics.ORDER_EVENTS),
			event(OrderConfirmed.TYPE, OrderConfirmed.class, Topics.ORDER_EVENTS),
			event(OrderCancelled.TYPE, OrderCancelled.class, Topics.ORDER_EVENTS),
			event(OrderShipped.TYPE, OrderShipped.class, Topics.ORDER_EVENTS),
			event(SupportContactLogged.TYPE, SupportContactLogged.class, Topics.ORDER_EVENTS),
			event(ShipmentRegistered.TYPE, ShipmentRegistered.class, Topics.SHIPMENT_EVENTS),
			event(ShipmentStatusChanged.TYPE, ShipmentStatusChanged.class, Topics.SHIPMENT_EVENTS),
			event(DeliveryEstimateRevised.TYPE, DeliveryEstimateRevised.class, Topics.SHIPMENT_EVENTS),
			event(ShipmentDelivered.TYPE, ShipmentDelivered.class, Topics.SHIPMENT_EVENTS),
			event(DeliveryExceptionRaised.TYPE, DeliveryExceptionRaised.class, Topics.DELIVERY_EXCEPTION_EVENTS),
			event(DeliveryExceptionResolved.TYPE, DeliveryExceptionResolved.class, Topics.DELIVERY_EXCEPTION_EVENTS),
			event(NotificationSent.TYPE, NotificationSent.class, Topics.NOTIFICATION_EVENTS),
			event(NotificationFailed.TYPE, NotificationFailed.class, Topics.NOTIFICATION_EVENTS),
			event(NotificationSuppressed.TYPE, NotificationSuppressed.class, Topics.NOTIFICATION_EVENTS),
			event(NotificationEngaged.TYPE, NotificationEngaged.class, Topics.NOTIFICATION_EVENTS),
			event(ReturnRequested.TYPE, ReturnRequested.class, Topics.RETURN_EVENTS),
			event(ReturnApproved.TYPE, ReturnApproved.class, Topics.RETURN_EVENTS),
			event(ReturnRejected.TYPE, ReturnRejected.class, Topics.RETURN_EVENTS),
			event(ReturnLabelIssued.TYPE, ReturnLabelIssued.class, Topics.RETURN_EVENTS),
			event(ReturnInTransit.TYPE, ReturnInTransit.class, Topics.RETURN_EVENTS),
			event(ReturnReceived.TYPE, ReturnReceived.class, Topics.RETURN_EVENTS),
			event(RefundIssued.TYPE, RefundIssued.class, Topics.RETURN_EVENTS),
			event(RefundFailed.TYPE, RefundFailed.class, Topics.RETURN_EVENTS),
			event(ExchangeRequested.TYPE, ExchangeRequested.class, Topics.RETURN_EVENTS),
			event(ReturnClosed.TYPE, ReturnClosed.class, Topics.RETURN_EVENTS),
			event(SurveyAnswered.TYPE, SurveyAnswered.class, Topics.FEEDBACK_EVENTS),
			event(CustomerErasureRequested.TYPE, CustomerErasureRequested.class, Topics.CUSTOMER_ERASURE));

	/** The external contracts: what platforms and carriers put on the inbound topics. */
	private static final List<MessageType> INBOUND = List.of(
			new MessageType(InboundOrder.TYPE, InboundOrder.class, Topics.ORDERS_INBOUND),
			new MessageType(InboundTrackingUpdate.TYPE, InboundTrackingUpdate.class, Topics.TRACKING_INBOUND));

	private static final Map<String, MessageType> BY_ID = Stream.concat(EVENTS.stream(), INBOUND.stream())
		.collect(Collectors.toUnmodifiableMap(MessageType::id, Function.identity()));

	private static final Map<Class<?>, MessageType> BY_CLASS = Stream.concat(EVENTS.stream(), INBOUND.stream())
		.collect(Collectors.toUnmodifiableMap(MessageType::javaType, Function.identity()));

	private EventCatalog() {
	}

	private static MessageType event(String id, Class<? extends Event> type, String topic) {
		return new MessageType(id, type, topic);
	}

	/** The events services publish. */
	public static List<MessageType> events() {
		return EVENTS;
	}

	/** The canonical inbound messages. */
	public static List<MessageType> inbound() {
		return INBOUND;
	}

	/** The events published on one topic. */
	public static List<MessageType> eventsOn(String topic) {
		return EVENTS.stream().filter(type -> type.topic().equals(topic)).toList();
	}

	public static Optional<MessageType> byId(String typeId) {
		return Optional.ofNullable(typeId).map(BY_ID::get);
	}

	/** The type of a record of the catalog; fails for a class that is not in it (a programming error). */
	public static MessageType of(Class<?> javaType) {
		var type = BY_CLASS.get(javaType);
		if (type == null) {
			throw new IllegalArgumentException("Not in the event catalog: " + javaType.getName());
		}
		return type;
	}

}
