package dev.postpurchase.reliability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.reliability.OrderPlan.Checkpoint;

/**
 * What the platform owes an order, worked out from its plan by the product's rules, not from what the
 * platform did:
 * <ul>
 * <li>tracking-service derives a parcel's status from all its checkpoints in carrier time: a checkpoint
 * moves it when its rank is not lower, after an exception any later scan moves it, Delivered is final;
 * a repeated checkpoint changes nothing. An exception checkpoint that decides the status when it
 * arrives raises a carrier exception;</li>
 * <li>notification-service's rules ({@code notification-service.yml}): order confirmed, shipped (the
 * first InTransit), delivered, return approved and refund issued by email; out for delivery by the
 * first of SMS, WhatsApp, email the customer can be reached on; a delivery issue by email and SMS
 * both, urgent. At most one message per order, milestone and channel, and at most
 * {@value #DAILY_CAP} non-urgent messages per order and day, in the order they are handled: the rest
 * are suppressed (DAILY_CAP). A message about the shipment's progress that waits (for the order's
 * contact data, say) while a later one comes is replaced by it (COLLAPSED): delivered replaces every
 * other, out for delivery replaces shipped.</li>
 * </ul>
 * The reliability stack sends every milestone at once (no collapse window) and the test customers have
 * no quiet hours now (a time zone where it is midday), so nothing else holds a message back.
 */
final class Expectations {

	/** notification-service's {@code notifications.daily-cap}, which the reliability stack keeps. */
	static final int DAILY_CAP = 5;

	/** notification-service's {@code notifications.collapsible}. */
	static final Set<Milestone> COLLAPSIBLE = EnumSet.of(Milestone.SHIPPED, Milestone.OUT_FOR_DELIVERY, Milestone.DELAYED,
			Milestone.DELIVERY_ISSUE, Milestone.DELIVERED);

	private Expectations() {
	}

	/** Whether a message of {@code older} may be replaced by one of {@code newer} (notification-service's Notifier). */
	static boolean supersedes(Milestone newer, Milestone older) {
		if (newer == older || !COLLAPSIBLE.contains(older)) {
			return false;
		}
		return newer == Milestone.DELIVERED || newer == Milestone.OUT_FOR_DELIVERY && older == Milestone.SHIPPED;
	}

	/**
	 * A message the order is due.
	 *
	 * @param channels the channels it may go on, in the rule's order of preference, reachable ones only
	 * @param all whether it goes on every one of {@code channels} (else on exactly one, the first unless
	 *     that provider is failing)
	 * @param counted whether it counts against the daily cap (not urgent)
	 */
	record Due(Milestone milestone, List<Channel> channels, boolean all, boolean counted) {

		/** How many messages it makes. */
		int messages() {
			return this.all ? this.channels.size() : 1;
		}
	}

	/** The messages an order is due, in the order of their milestones. */
	static List<Due> of(OrderPlan plan) {
		var buyer = plan.buyer();
		boolean sms = buyer.phone() != null && buyer.sms();
		boolean whatsapp = buyer.phone() != null && buyer.whatsapp();
		var dues = new ArrayList<Due>();
		for (var milestone : milestones(plan)) {
			dues.add(switch (milestone) {
				case OUT_FOR_DELIVERY -> {
					var reachable = new ArrayList<Channel>();
					if (sms) {
						reachable.add(Channel.SMS);
					}
					if (whatsapp) {
						reachable.add(Channel.WHATSAPP);
					}
					reachable.add(Channel.EMAIL);
					yield new Due(milestone, List.copyOf(reachable), false, true);
				}
				case DELIVERY_ISSUE, DELAYED -> new Due(milestone, sms ? List.of(Channel.EMAIL, Channel.SMS)
						: List.of(Channel.EMAIL), true, false);
				default -> new Due(milestone, List.of(Channel.EMAIL), false, true);
			});
		}
		return dues;
	}

	/** The milestones of the order, in the order they happen. */
	static List<Milestone> milestones(OrderPlan plan) {
		var milestones = new LinkedHashSet<Milestone>();
		milestones.add(Milestone.ORDER_CONFIRMED);
		milestones.addAll(tracking(plan));
		if (plan.returned()) {
			milestones.add(Milestone.RETURN_APPROVED);
			milestones.add(Milestone.REFUND_ISSUED);
		}
		return List.copyOf(milestones);
	}

	/** The final status of the parcel. */
	static TrackingStatus finalStatus(OrderPlan plan) {
		var history = new ArrayList<Checkpoint>();
		plan.scans().forEach(update -> update.upTo().stream().filter(c -> !history.contains(c)).forEach(history::add));
		return deciding(history).status();
	}

	/**
	 * The shipment milestones, by replaying the updates as tracking-service receives them: each
	 * checkpoint of an update in turn (an AfterShip webhook carries several, oldest first).
	 */
	private static List<Milestone> tracking(OrderPlan plan) {
		var milestones = new ArrayList<Milestone>();
		var history = new ArrayList<Checkpoint>();
		TrackingStatus status = TrackingStatus.PENDING;
		for (var update : plan.scans()) {
			for (var checkpoint : update.upTo()) {
				if (history.contains(checkpoint)) {
					continue;
				}
				history.add(checkpoint);
				var deciding = deciding(history);
				if (deciding.status() != status) {
					status = deciding.status();
					switch (status) {
						case IN_TRANSIT -> milestones.add(Milestone.SHIPPED);
						case OUT_FOR_DELIVERY -> milestones.add(Milestone.OUT_FOR_DELIVERY);
						case DELIVERED -> milestones.add(Milestone.DELIVERED);
						default -> {
						}
					}
				}
				if (deciding.equals(checkpoint) && checkpoint.status() == TrackingStatus.EXCEPTION) {
					milestones.add(Milestone.DELIVERY_ISSUE);
				}
			}
		}
		return milestones;
	}

	/** tracking-service's StatusRules: the checkpoint that decides the status. */
	private static Checkpoint deciding(List<Checkpoint> history) {
		Checkpoint current = null;
		for (var checkpoint : history.stream().sorted(Comparator.comparing(Checkpoint::time)).toList()) {
			if (current == null || moves(current.status(), checkpoint.status())) {
				current = checkpoint;
			}
		}
		return current;
	}

	private static boolean moves(TrackingStatus current, TrackingStatus next) {
		if (current == TrackingStatus.DELIVERED) {
			return false; // no return to sender in these journeys
		}
		return next.supersedes(current) || current == TrackingStatus.EXCEPTION || current == TrackingStatus.ATTEMPT_FAIL;
	}

}
