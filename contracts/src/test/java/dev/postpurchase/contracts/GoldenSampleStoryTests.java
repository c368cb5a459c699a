package dev.postpurchase.contracts;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved.Resolution;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.feedback.SurveyAnswered;
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
import dev.postpurchase.contracts.returns.ReturnApproved.ReturnLabel;
import dev.postpurchase.contracts.returns.ReturnClosed;
import dev.postpurchase.contracts.returns.ReturnInTransit;
import dev.postpurchase.contracts.returns.ReturnLabelIssued;
import dev.postpurchase.contracts.returns.ReturnMethod;
import dev.postpurchase.contracts.returns.ReturnReceived;
import dev.postpurchase.contracts.returns.ReturnRejected;
import dev.postpurchase.contracts.returns.ReturnRequested;
import dev.postpurchase.contracts.shipment.DeliveryEstimateRevised;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden samples tell one consistent story, so consumers can publish several of them and check
 * the outcome: order {@value #ORDER} is placed, shipped with PostNL, delayed at the sorting centre,
 * notified about, delivered a day late, rated, partly returned by DHL and refunded (the first refund
 * attempt fails and the retry succeeds). The other samples (a cancellation, a rejected return, an
 * exchange, an erasure) belong to other orders and customers.
 */
class GoldenSampleStoryTests {

	static final String ORDER = "ord_8K2F5QW1XR";

	/** Samples of other orders or of no order: the story's order is never cancelled, rejected or erased. */
	private static final Set<Class<?>> OTHER_ORDERS = Set.of(OrderCancelled.class, ReturnRejected.class,
			ExchangeRequested.class, CustomerErasureRequested.class);

	/** The story's events in the order they happened. */
	private static final List<Class<? extends Event>> TIMELINE = List.of(OrderPlaced.class, OrderConfirmed.class,
			OrderShipped.class, ShipmentRegistered.class, ShipmentStatusChanged.class, DeliveryEstimateRevised.class,
			DeliveryExceptionRaised.class, NotificationSuppressed.class, NotificationSent.class,
			NotificationFailed.class, NotificationEngaged.class, SupportContactLogged.class, ShipmentDelivered.class,
			DeliveryExceptionResolved.class, SurveyAnswered.class, ReturnRequested.class, ReturnApproved.class,
			ReturnLabelIssued.class, ReturnInTransit.class, ReturnReceived.class, RefundFailed.class,
			RefundIssued.class, ReturnClosed.class);

	/** Components no sample shows because their absence is what the story means. */
	private static final Set<String> MEANINGFULLY_ABSENT = Set.of(
			"CustomerErasureRequested.orderId", // erasure is about a customer, never an order
			"ShipmentRegistered.returnId", "ShipmentStatusChanged.returnId", "ShipmentDelivered.returnId", // outbound
			"ReturnLine.exchangeSku", // the story's return is refunded, not exchanged
			// the story's order is an original order, not the replacement of an exchange (its return is refunded)
			"OrderPlaced.replacementFor");

	@Test
	void everyRecordComponentAppearsInSomeSample() {
		Map<Class<?>, Set<String>> seen = new HashMap<>();
		for (MessageType type : ContractFixtures.allTypes()) {
			collect(type.javaType(), ContractFixtures.sampleTree(type), seen);
		}
		List<String> missing = new ArrayList<>();
		seen.forEach((record, names) -> Arrays.stream(record.getRecordComponents())
			.map(RecordComponent::getName)
			.filter(name -> !names.contains(name))
			.map(name -> record.getSimpleName() + "." + name)
			.filter(name -> !MEANINGFULLY_ABSENT.contains(name))
			.forEach(missing::add));

		assertThat(new TreeSet<>(missing)).as("record components no golden sample shows").isEmpty();
	}

	@Test
	void theStoryFollowsOneOrder() {
		for (MessageType type : EventCatalog.events()) {
			Event event = (Event) GoldenSamples.load(type.javaType());
			if (OTHER_ORDERS.contains(type.javaType())) {
				assertThat(event.orderId()).as(type.javaType().getSimpleName()).isNotEqualTo(ORDER);
			}
			else {
				assertThat(event.orderId()).as(type.javaType().getSimpleName()).isEqualTo(ORDER);
			}
		}
	}

	@Test
	void theStoryIsInChronologicalOrder() {
		List<Instant> times = TIMELINE.stream().map(type -> GoldenSamples.load(type).occurredAt()).toList();

		assertThat(times).isSorted();
	}

	@Test
	void relatedIdsMatch() {
		OrderPlaced placed = GoldenSamples.load(OrderPlaced.class);
		OrderShipped shipped = GoldenSamples.load(OrderShipped.class);
		ShipmentStatusChanged changed = GoldenSamples.load(ShipmentStatusChanged.class);
		ReturnRequested requested = GoldenSamples.load(ReturnRequested.class);
		String customerId = placed.customer().customerId();

		assertThat(List.of(GoldenSamples.load(ShipmentRegistered.class).shipmentId(), changed.shipmentId(),
				GoldenSamples.load(ShipmentDelivered.class).shipmentId(),
				GoldenSamples.load(DeliveryExceptionRaised.class).shipmentId(),
				GoldenSamples.load(DeliveryExceptionResolved.class).shipmentId()))
			.containsOnly(shipped.shipmentId());
		// The inbound tracking sample is the carrier scan behind ShipmentStatusChanged.
		InboundTrackingUpdate update = GoldenSamples.load(InboundTrackingUpdate.class);
		assertThat(update.trackingNumber()).isEqualTo(shipped.trackingNumber()).isEqualTo(changed.trackingNumber());
		assertThat(update.status()).isEqualTo(changed.status());
		assertThat(GoldenSamples.load(DeliveryExceptionResolved.class).exceptionId())
			.isEqualTo(GoldenSamples.load(DeliveryExceptionRaised.class).exceptionId());
		assertThat(GoldenSamples.load(NotificationEngaged.class).notificationId())
			.isEqualTo(GoldenSamples.load(NotificationSent.class).notificationId());
		assertThat(List.of(GoldenSamples.load(ReturnApproved.class).returnId(),
				GoldenSamples.load(ReturnLabelIssued.class).returnId(),
				GoldenSamples.load(ReturnInTransit.class).returnId(), GoldenSamples.load(ReturnReceived.class).returnId(),
				GoldenSamples.load(RefundFailed.class).returnId(), GoldenSamples.load(RefundIssued.class).returnId(),
				GoldenSamples.load(ReturnClosed.class).returnId()))
			.containsOnly(requested.returnId());
		assertThat(List.of(shipped.customerId(), requested.customerId(),
				GoldenSamples.load(ReturnApproved.class).customerId(),
				GoldenSamples.load(ReturnLabelIssued.class).customerId(),
				GoldenSamples.load(NotificationSent.class).customerId(),
				GoldenSamples.load(RefundIssued.class).customerId(), GoldenSamples.load(SurveyAnswered.class).customerId(),
				GoldenSamples.load(SupportContactLogged.class).customerId()))
			.containsOnly(customerId);
	}

	/**
	 * The mail-in return travels on the label it was approved with: the label issued and the first
	 * scan name the same carrier and tracking number, and the failed refund attempt is the refund that
	 * was then issued, for the same amount.
	 */
	@Test
	void theReturnParcelTravelsOnItsLabelAndTheFailedRefundIsRetried() {
		ReturnApproved approved = GoldenSamples.load(ReturnApproved.class);
		ReturnLabelIssued issued = GoldenSamples.load(ReturnLabelIssued.class);
		ReturnInTransit inTransit = GoldenSamples.load(ReturnInTransit.class);
		RefundFailed failed = GoldenSamples.load(RefundFailed.class);
		RefundIssued refunded = GoldenSamples.load(RefundIssued.class);

		assertThat(approved.method()).isEqualTo(ReturnMethod.MAIL_IN);
		assertThat(new ReturnLabel(issued.carrier(), issued.trackingNumber(), issued.labelUrl()))
			.isEqualTo(approved.label());
		assertThat(List.of(inTransit.carrier(), inTransit.trackingNumber()))
			.containsExactly(issued.carrier(), issued.trackingNumber());
		assertThat(failed.refundId()).isEqualTo(refunded.refundId());
		assertThat(failed.amount()).isEqualTo(refunded.amount());
		assertThat(failed.willRetry()).isTrue();
		assertThat(failed.attempts()).isEqualTo(1);
	}

	/**
	 * The exception is the carrier's Exception scan at the sorting centre, raised with what the
	 * shipment events said at that moment, and resolved by the delivery after the time it was open.
	 */
	@Test
	void theDeliveryExceptionFollowsTheCarrierScanAndEndsWithTheDelivery() {
		ShipmentStatusChanged changed = GoldenSamples.load(ShipmentStatusChanged.class);
		DeliveryEstimateRevised revised = GoldenSamples.load(DeliveryEstimateRevised.class);
		DeliveryExceptionRaised raised = GoldenSamples.load(DeliveryExceptionRaised.class);
		DeliveryExceptionResolved resolved = GoldenSamples.load(DeliveryExceptionResolved.class);
		ShipmentDelivered delivered = GoldenSamples.load(ShipmentDelivered.class);

		assertThat(changed.status()).isEqualTo(TrackingStatus.EXCEPTION);
		assertThat(raised.kind()).isEqualTo(ExceptionKind.CARRIER_EXCEPTION);
		assertThat(raised.reason()).isEqualTo(changed.checkpoint().reason());
		assertThat(raised.carrier()).isEqualTo(changed.carrier());
		assertThat(raised.promise()).isEqualTo(GoldenSamples.load(OrderShipped.class).promise())
			.isEqualTo(revised.promise());
		assertThat(raised.promiseState()).isEqualTo(changed.promiseState()).isEqualTo(revised.promiseState());
		assertThat(raised.newEstimate()).isEqualTo(changed.estimatedDelivery()).isEqualTo(revised.estimatedDelivery());

		assertThat(resolved.kind()).isEqualTo(raised.kind());
		assertThat(resolved.resolution()).isEqualTo(Resolution.DELIVERED);
		assertThat(resolved.resolvedBy()).isEqualTo("tracking-service");
		assertThat(resolved.raisedAt()).isEqualTo(raised.occurredAt());
		assertThat(resolved.openSeconds())
			.isEqualTo(Duration.between(raised.occurredAt(), resolved.occurredAt()).toSeconds());
		assertThat(resolved.occurredAt()).isAfterOrEqualTo(delivered.occurredAt());
	}

	@Test
	void amountsAddUp() {
		OrderPlaced placed = GoldenSamples.load(OrderPlaced.class);
		BigDecimal lines = placed.lines()
			.stream()
			.map(line -> line.unitPrice().amount().multiply(BigDecimal.valueOf(line.quantity())))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal returned = GoldenSamples.load(ReturnRequested.class)
			.lines()
			.stream()
			.map(line -> line.unitPrice().amount().multiply(BigDecimal.valueOf(line.quantity())))
			.reduce(BigDecimal.ZERO, BigDecimal::add);

		assertThat(placed.total().amount()).isEqualByComparingTo(lines);
		assertThat(GoldenSamples.load(RefundIssued.class).amount().amount()).isEqualByComparingTo(returned);
	}

	@Test
	void everySampleHasItsOwnEventId() {
		Set<Object> ids = new HashSet<>();
		for (MessageType type : EventCatalog.events()) {
			assertThat(ids.add(((Event) GoldenSamples.load(type.javaType())).eventId()))
				.as("eventId of %s is unique", type.javaType().getSimpleName())
				.isTrue();
		}
	}

	/** Records, per record class, the property names a sample shows, following nested records and lists. */
	private static void collect(Class<?> record, JsonNode json, Map<Class<?>, Set<String>> seen) {
		Set<String> names = seen.computeIfAbsent(record, key -> new HashSet<>());
		for (RecordComponent component : record.getRecordComponents()) {
			JsonNode value = json.get(component.getName());
			if (value == null) {
				continue;
			}
			names.add(component.getName());
			Class<?> type = component.getType();
			if (type.isRecord()) {
				collect(type, value, seen);
			}
			else if (type == List.class
					&& component.getGenericType() instanceof ParameterizedType list
					&& list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
				value.forEach(item -> collect(element, item, seen));
			}
		}
	}

}
