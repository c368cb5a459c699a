package dev.postpurchase.reliability;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.reliability.OrderPlan.Buyer;
import dev.postpurchase.reliability.OrderPlan.Checkpoint;
import dev.postpurchase.reliability.OrderPlan.Source;
import dev.postpurchase.reliability.OrderPlan.Update;
import dev.postpurchase.reliability.OrderPlan.Via;

import static org.assertj.core.api.Assertions.assertThat;

/** The expectations follow the product's rules, whatever order the carrier's updates come in. */
class ExpectationsTests {

	private static final Instant T = Instant.parse("2026-12-07T08:00:00Z");

	private static final Checkpoint INFO = checkpoint(0, TrackingStatus.INFO_RECEIVED, null);

	private static final Checkpoint TRANSIT = checkpoint(10, TrackingStatus.IN_TRANSIT, null);

	private static final Checkpoint DELAY = checkpoint(20, TrackingStatus.EXCEPTION, ExceptionReason.CARRIER_DELAY);

	private static final Checkpoint MOVING = checkpoint(30, TrackingStatus.IN_TRANSIT, null);

	private static final Checkpoint OUT = checkpoint(40, TrackingStatus.OUT_FOR_DELIVERY, null);

	private static final Checkpoint DELIVERED = checkpoint(50, TrackingStatus.DELIVERED, null);

	private static final Buyer TEXTS = new Buyer("c", "c@example.com", "+31970100001", true, false);

	@Test
	void aCleanJourneyIsDueEveryMilestone() {
		var plan = plan(TEXTS, false, INFO, TRANSIT, DELAY, MOVING, OUT, DELIVERED);

		assertThat(Expectations.milestones(plan)).containsExactly(Milestone.ORDER_CONFIRMED, Milestone.SHIPPED,
				Milestone.DELIVERY_ISSUE, Milestone.OUT_FOR_DELIVERY, Milestone.DELIVERED);
		assertThat(Expectations.of(plan)).filteredOn(due -> due.milestone() == Milestone.DELIVERY_ISSUE).singleElement()
			.satisfies(due -> {
				assertThat(due.channels()).containsExactly(Channel.EMAIL, Channel.SMS);
				assertThat(due.all()).isTrue();
				assertThat(due.counted()).isFalse();
			});
		assertThat(Expectations.of(plan)).filteredOn(due -> due.milestone() == Milestone.OUT_FOR_DELIVERY).singleElement()
			.satisfies(due -> assertThat(due.channels()).containsExactly(Channel.SMS, Channel.EMAIL));
	}

	@Test
	void repeatedCheckpointsChangeNothing() {
		assertThat(Expectations.milestones(plan(TEXTS, false, INFO, TRANSIT, TRANSIT, DELAY, DELAY, MOVING, OUT, OUT,
				DELIVERED, DELIVERED))).isEqualTo(Expectations.milestones(plan(TEXTS, false, INFO, TRANSIT, DELAY, MOVING, OUT,
						DELIVERED)));
	}

	@Test
	void aCheckpointOvertakenByALaterOneNeverShows() {
		// InTransit after OutForDelivery: the parcel never goes back, so it never was "shipped" to the customer
		var late = plan(TEXTS, false, INFO, OUT, TRANSIT, DELIVERED);
		// the delay reported after the parcel moved on decides nothing: no delivery issue
		var staleDelay = plan(TEXTS, false, INFO, TRANSIT, MOVING, DELAY, OUT, DELIVERED);

		assertThat(Expectations.milestones(late)).containsExactly(Milestone.ORDER_CONFIRMED, Milestone.OUT_FOR_DELIVERY,
				Milestone.DELIVERED);
		assertThat(Expectations.milestones(staleDelay)).doesNotContain(Milestone.DELIVERY_ISSUE);
		assertThat(Expectations.finalStatus(late)).isEqualTo(TrackingStatus.DELIVERED);
	}

	@Test
	void aParcelMovesOnAfterAnExceptionWhateverTheRank() {
		var plan = plan(TEXTS, false, INFO, TRANSIT, OUT, checkpoint(45, TrackingStatus.EXCEPTION, ExceptionReason.WEATHER),
				checkpoint(47, TrackingStatus.IN_TRANSIT, null));

		assertThat(Expectations.milestones(plan)).contains(Milestone.DELIVERY_ISSUE);
		assertThat(Expectations.finalStatus(plan)).isEqualTo(TrackingStatus.IN_TRANSIT);
	}

	@Test
	void messagesGoOnlyWhereTheCustomerCanBeReached() {
		var emailOnly = plan(new Buyer("c", "c@example.com", null, true, true), false, INFO, TRANSIT, DELAY, OUT, DELIVERED);
		var whatsApp = plan(new Buyer("c", "c@example.com", "+31970100001", false, true), false, INFO, OUT, DELIVERED);

		assertThat(Expectations.of(emailOnly)).allSatisfy(due -> assertThat(due.channels()).containsExactly(Channel.EMAIL));
		assertThat(Expectations.of(whatsApp)).filteredOn(due -> due.milestone() == Milestone.OUT_FOR_DELIVERY)
			.singleElement()
			.satisfies(due -> assertThat(due.channels()).containsExactly(Channel.WHATSAPP, Channel.EMAIL));
	}

	@Test
	void aReturnedOrderIsDueSixNonUrgentMessagesOneOverTheDailyCap() {
		var plan = plan(TEXTS, true, INFO, TRANSIT, DELAY, MOVING, OUT, DELIVERED);

		assertThat(Expectations.of(plan)).filteredOn(Expectations.Due::counted).hasSize(Expectations.DAILY_CAP + 1);
	}

	@Test
	void laterNewsReplacesOnlyProgress() {
		assertThat(Expectations.supersedes(Milestone.DELIVERED, Milestone.OUT_FOR_DELIVERY)).isTrue();
		assertThat(Expectations.supersedes(Milestone.DELIVERED, Milestone.DELIVERY_ISSUE)).isTrue();
		assertThat(Expectations.supersedes(Milestone.OUT_FOR_DELIVERY, Milestone.SHIPPED)).isTrue();
		assertThat(Expectations.supersedes(Milestone.OUT_FOR_DELIVERY, Milestone.DELIVERY_ISSUE)).isFalse();
		assertThat(Expectations.supersedes(Milestone.DELIVERED, Milestone.ORDER_CONFIRMED)).isFalse();
		assertThat(Expectations.supersedes(Milestone.DELIVERED, Milestone.DELIVERED)).isFalse();
	}

	private static OrderPlan plan(Buyer buyer, boolean returned, Checkpoint... sent) {
		var updates = Arrays.stream(sent).map(checkpoint -> new Update(checkpoint, Via.REST, List.of(checkpoint)))
			.toList();
		return new OrderPlan(0, Source.REST, "X-1", "ord_x1", buyer, "DPD", "TN1", updates, returned);
	}

	private static Checkpoint checkpoint(int minutes, TrackingStatus status, ExceptionReason reason) {
		return new Checkpoint(T.plusSeconds(minutes * 60L), status, null, reason, status.name());
	}

}
