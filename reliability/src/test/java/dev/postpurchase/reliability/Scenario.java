package dev.postpurchase.reliability;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationSuppressed.Reason;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.reliability.OrderPlan.Source;
import dev.postpurchase.testkit.DevRoles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One fault scenario: a stream of orders sent while a fault happens, then the platform left to catch
 * up by itself, then counted: every effect due (messages at the providers, refunds, orders and
 * returns in their final state, the KPIs' counts) observed exactly once, poison records in the
 * dead-letter topics and nothing else there. The counts become a row of the {@link Report}; the
 * scenario fails on anything lost, duplicated or dead-lettered that should not be.
 */
final class Scenario {

	/** The dead-letter topics a record of a scenario could end in: every topic's. */
	private static final List<String> TOPICS = List.of(Topics.ORDERS_INBOUND, Topics.ORDER_EVENTS, Topics.TRACKING_INBOUND,
			Topics.SHIPMENT_EVENTS, Topics.DELIVERY_EXCEPTION_EVENTS, Topics.NOTIFICATION_EVENTS, Topics.RETURN_EVENTS,
			Topics.FEEDBACK_EVENTS, Topics.CUSTOMER_ERASURE);

	/** How long the platform may take to catch up after the fault, before the scenario counts what is missing. */
	private static final Duration CATCH_UP = Duration.ofMinutes(ReliabilityStack.LONG ? 10 : 5);

	private final String name;

	private final Platform platform;

	private final Report report;

	private final List<OrderPlan> plans;

	private List<Poison> poison = List.of();

	private boolean fallbacks;

	private boolean resends;

	private Duration spacing = Duration.ofMillis(400);

	private Duration gap = Duration.ofMillis(700);

	/** A record that no consumer can take, sent to an inbound topic. */
	record Poison(String topic, String key, byte[] value, Map<String, String> headers) {
	}

	/** The fault, injected while the traffic flows; it marks when the platform was broken and whole again. */
	interface Fault {

		void inject(Traffic traffic, Window window) throws Exception;

	}

	/** When the fault began and ended. */
	static final class Window {

		private Instant began;

		private Instant ended;

		void begin() {
			this.began = Instant.now();
		}

		void end() {
			this.ended = Instant.now();
		}

	}

	Scenario(String name, Platform platform, Report report, List<OrderPlan> plans) {
		this.name = name;
		this.platform = platform;
		this.report = report;
		this.plans = List.copyOf(plans);
	}

	/** Poison records, sent among the stream's records. */
	Scenario poison(List<Poison> records) {
		this.poison = List.copyOf(records);
		return this;
	}

	/**
	 * A provider fails during the scenario: a message due on the first channel the customer can be
	 * reached on may go by a later one (the rule's fallback), still exactly once.
	 */
	Scenario fallbacks() {
		this.fallbacks = true;
		return this;
	}

	/**
	 * notification-service is killed during the scenario. A message the provider took just before the
	 * kill, but whose sending notification-service had not recorded yet, is sent again once it is back:
	 * the same email (same Message-ID) twice, or a text twice (Twilio and WhatsApp take no idempotency
	 * key). That is at-least-once delivery, the platform's documented choice over losing the message;
	 * such copies are counted apart, as resent after a crash, every one of them listed. Any other
	 * duplicate still fails the scenario.
	 */
	Scenario killsNotificationService() {
		this.resends = true;
		return this;
	}

	/** Orders start {@code spacing} apart, their steps {@code gap} apart. */
	Scenario pace(Duration spacing, Duration gap) {
		this.spacing = spacing;
		this.gap = gap;
		return this;
	}

	/** Runs the stream with the fault, waits for the platform to catch up, counts, reports and asserts. */
	Report.Row run(Fault fault) throws Exception {
		awaitRest();
		this.report.tell(this.name + ": " + this.plans.size() + " orders");
		var before = Kpis.of(this.platform.kpis());
		this.plans.stream()
			.filter(plan -> plan.source() == Source.SHOPIFY)
			.forEach(plan -> this.platform.noQuietHoursNow("shopify-" + plan.buyer().customerId()));
		var window = new Window();
		var poisonSender = Executors.newSingleThreadScheduledExecutor();
		try (var traffic = Traffic.start(this.platform, this.plans, this.spacing, this.gap)) {
			for (int i = 0; i < this.poison.size(); i++) {
				var record = this.poison.get(i);
				poisonSender.schedule(() -> this.platform.produce(record.topic(), record.key(), record.value(), record.headers()),
						this.spacing.toMillis() * this.plans.size() * (i + 1) / (this.poison.size() + 1), TimeUnit.MILLISECONDS);
			}
			fault.inject(traffic, window);
			if (window.began == null) {
				window.begin();
			}
			if (window.ended == null) {
				window.end();
			}
			traffic.awaitSent(Platform.GIVE_UP_AFTER.plus(Duration.ofMinutes(5)));
			poisonSender.shutdown();
			assertThat(poisonSender.awaitTermination(1, TimeUnit.MINUTES)).as("poison records sent").isTrue();

			Tally tally;
			Instant caughtUp = null;
			try {
				var told = new Instant[] { Instant.now() };
				await().atMost(CATCH_UP).pollInterval(Duration.ofSeconds(2)).until(() -> {
					var now = count(traffic, before);
					if (now.lost() > 0 && Duration.between(told[0], Instant.now()).toSeconds() >= 30) {
						told[0] = Instant.now();
						this.report.tell(this.name + " catching up, " + now.lost() + " effects missing, e.g. "
								+ now.problems().stream().filter(problem -> problem.startsWith("lost")).limit(5).toList());
					}
					return now.lost() == 0;
				});
				caughtUp = Instant.now();
				awaitQuiet();
				tally = count(traffic, before);
			}
			catch (ConditionTimeoutException ex) {
				tally = count(traffic, before);
			}
			var deadLetters = deadLetters();
			var problems = new ArrayList<>(tally.problems());
			var poisonKeys = new HashSet<String>();
			this.poison.forEach(record -> poisonKeys.add(record.key()));
			deadLetters.forEach((key, count) -> {
				if (!poisonKeys.contains(key)) {
					problems.add("dead-lettered, not poison: " + count + " record(s) of " + key);
				}
			});
			poisonKeys.stream().filter(key -> !deadLetters.containsKey(key))
				.forEach(key -> problems.add("poison record " + key + " is in no dead-letter topic"));
			var recovery = caughtUp == null ? null
					: caughtUp.isBefore(window.ended) ? Duration.ZERO : Duration.between(window.ended, caughtUp);
			var row = new Report.Row(this.name, this.plans.size(), traffic.sent() + this.poison.size(), tally.expected(),
					tally.seen(), tally.duplicates(), tally.resent(), deadLetters.values().stream().mapToInt(Integer::intValue).sum(),
					this.poison.size(), Duration.between(window.began, window.ended), recovery, problems, tally.notes());
			this.report.add(row);
			assertThat(problems).as("%s: lost, duplicated or dead-lettered effects", this.name).isEmpty();
			assertThat(row.seen()).isEqualTo(row.expected());
			return row;
		}
		finally {
			poisonSender.shutdownNow();
		}
	}

	/** What was due, what was seen, what was seen twice; every problem named. */
	record Tally(int expected, int seen, int duplicates, int resent, int lost, List<String> problems, List<String> notes) {
	}

	private Tally count(Traffic traffic, Kpis before) {
		var effects = Effects.now(this.platform);
		var counter = new Counter();
		for (var plan : this.plans) {
			countMessages(plan, effects, counter);
			var status = this.platform.orderStatus(plan.orderId());
			var shipment = Effects.text(status, "latestShipment", "status");
			var wanted = tagOf(Expectations.finalStatus(plan));
			counter.once(wanted.equals(shipment) ? 1 : 0, plan.orderId() + " in order-service's status: " + wanted);
			if (plan.returned()) {
				var returnId = traffic.returnId(plan.orderId());
				var returns = returnId == null ? null : this.platform.returns(plan.orderId());
				var closed = returns != null && returns.size() == 1 && "CLOSED".equals(Effects.text(returns.get(0), "state"));
				counter.once(closed ? 1 : 0, plan.orderId() + "'s return CLOSED");
				counter.once(returnId == null ? 0 : effects.refunds(returnId), "a refund of " + plan.orderId() + "'s return");
			}
		}
		var after = Kpis.of(this.platform.kpis());
		int exceptions = (int) this.plans.stream()
			.filter(plan -> Expectations.milestones(plan).contains(Milestone.DELIVERY_ISSUE))
			.count();
		counter.kpi("orders placed", after.placed() - before.placed(), this.plans.size());
		counter.kpi("deliveries", after.delivered() - before.delivered(), this.plans.size());
		counter.kpi("delivery exceptions", after.exceptions() - before.exceptions(), exceptions);
		return new Tally(counter.expected, counter.seen, counter.duplicates, counter.resent, counter.lost, counter.problems,
				counter.notes);
	}

	/**
	 * The messages of one order against what it is due: each once, unless the rules say otherwise and
	 * notification-service recorded why (a progress message replaced by a later one: COLLAPSED; a
	 * non-urgent message beyond the daily cap: DAILY_CAP).
	 */
	private void countMessages(OrderPlan plan, Effects effects, Counter counter) {
		var order = plan.orderId();
		var dues = Expectations.of(plan);
		var channelsDue = new HashMap<Milestone, Set<Channel>>();
		int counted = 0;
		int sentCounted = 0;
		int capped = 0;
		for (var message : dues) {
			var milestone = message.milestone();
			channelsDue.put(milestone, Set.copyOf(message.channels()));
			boolean replaceable = dues.stream().anyMatch(other -> Expectations.supersedes(other.milestone(), milestone));
			if (message.all()) {
				for (var channel : message.channels()) {
					int on = effects.messages(order, milestone, channel) - resent(effects, order, milestone, channel, counter);
					boolean collapsed = on == 0 && replaceable && effects.suppressed(order, milestone, channel, Reason.COLLAPSED);
					counter.once(collapsed ? 1 : on, order + " " + milestone + " " + channel);
				}
				continue;
			}
			int total = 0;
			for (var channel : message.channels()) {
				int on = effects.messages(order, milestone, channel) - resent(effects, order, milestone, channel, counter);
				total += on;
				if (on > 0 && channel != message.channels().get(0)) {
					var detour = order + " " + milestone + " went by " + channel + ", not " + message.channels().get(0);
					if (this.fallbacks) {
						counter.note(detour + " (the rule's next channel while the provider failed)");
					}
					else {
						counter.problem(detour);
					}
				}
			}
			if (total == 0 && replaceable && suppressed(effects, order, message, Reason.COLLAPSED)) {
				counter.once(1, order + " " + milestone + " (collapsed into later news)");
				continue;
			}
			var status = milestone == Milestone.SHIPPED ? TrackingStatus.IN_TRANSIT
					: milestone == Milestone.OUT_FOR_DELIVERY ? TrackingStatus.OUT_FOR_DELIVERY : null;
			if (total == 0 && replaceable && status != null && !effects.reached(order, status)) {
				// an update overtook an earlier one on its way in (one parked for a parcel not registered yet, say):
				// the parcel never showed this status, so by the rules there is nothing to tell, and the later news is told
				counter.note(order + " " + milestone + " not due after all: its parcel never showed " + status);
				continue;
			}
			if (message.counted()) {
				counted++;
				if (total > 0) {
					sentCounted++;
				}
				else if (suppressed(effects, order, message, Reason.DAILY_CAP)) {
					capped++;
					counter.once(1, order + " " + milestone + " (over the daily cap)");
					continue;
				}
			}
			counter.once(total, order + " " + milestone + " on one of " + message.channels());
		}
		int allowed = Math.min(counted, Expectations.DAILY_CAP);
		if (sentCounted > allowed) {
			counter.extra(sentCounted - allowed, order + ": " + sentCounted + " messages on one day, over the daily cap");
		}
		else if (capped > counted - allowed) {
			counter.unseen(capped - (counted - allowed), order + ": suppressed by the daily cap with only " + sentCounted
					+ " of " + counted + " messages sent");
		}
		for (var key : effects.messagesOf(order)) {
			var channels = channelsDue.get(key.milestone());
			if (channels == null || !channels.contains(key.channel())) {
				counter.extra(effects.messages(order, key.milestone(), key.channel()),
						order + " " + key.milestone() + " " + key.channel() + " not due");
			}
		}
		if (effects.unexplained(order) > 0 && this.resends) {
			counter.resent(effects.unexplained(order), order + ": " + effects.unexplained(order)
					+ " text(s) the provider took that notification-service never recorded (it was killed), sent again after");
		}
		else if (effects.unexplained(order) > 0) {
			counter.extra(effects.unexplained(order), order + ": messages notification-service never reported as sent");
		}
	}

	/** Copies of a message resent after notification-service was killed, when the scenario kills it; 0 otherwise. */
	private int resent(Effects effects, String order, Milestone milestone, Channel channel, Counter counter) {
		int copies = this.resends ? effects.copies(order, milestone, channel) : 0;
		if (copies > 0) {
			counter.resent(copies, order + " " + milestone + " " + channel + " sent again after the crash, as the same message "
					+ effects.copied(order, milestone, channel));
		}
		return copies;
	}

	/**
	 * Whether notification-service suppressed the message for that reason, on whichever channel: a
	 * message that waited for the order's contact data waited on the rule's first channel, whether the
	 * customer turned out to be reachable on it or not.
	 */
	private static boolean suppressed(Effects effects, String order, Expectations.Due message, Reason reason) {
		return Arrays.stream(Channel.values()).anyMatch(channel -> effects.suppressed(order, message.milestone(), channel, reason));
	}

	/** AfterShip's tag of a status, as order-service's status answer shows it. */
	private static String tagOf(TrackingStatus status) {
		return Platform.json(status).replace("\"", "");
	}

	/**
	 * Waits until nothing is left to happen ({@link Platform#backlog()}), measured a while after the
	 * catch-up: then no late duplicate can follow.
	 */
	private void awaitQuiet() {
		var since = Instant.now();
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
			.until(() -> this.platform.backlog() == 0 && Duration.between(since, Instant.now()).toSeconds() >= 8);
	}

	/**
	 * Starts from a platform at rest: every service running and nothing left over from before (a
	 * scenario that failed half-way may have left work behind), so that the counts are this scenario's.
	 */
	private void awaitRest() {
		this.platform.stack().restartExited();
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() -> this.platform.backlog() == 0);
	}

	/** The scenario's records in dead-letter topics, by key (its orders, parcels and poison records). */
	private Map<String, Integer> deadLetters() {
		var keys = new HashSet<String>();
		this.plans.forEach(plan -> {
			keys.add(plan.orderId());
			keys.add(plan.trackingNumber());
		});
		this.poison.forEach(record -> keys.add(record.key()));
		var found = new HashMap<String, Integer>();
		for (var topic : TOPICS) {
			for (var record : this.platform.topics().readAll(Topics.deadLetter(topic), Duration.ofSeconds(60))) {
				if (keys.contains(record.key())) {
					found.merge(record.key(), 1, Integer::sum);
				}
			}
		}
		return found;
	}

	/** Counts effects against what was due. */
	private static final class Counter {

		private int expected;

		private int seen;

		private int duplicates;

		private int lost;

		private int resent;

		private final List<String> problems = new ArrayList<>();

		private final List<String> notes = new ArrayList<>();

		/** One effect due, observed {@code times}. */
		void once(int times, String what) {
			this.expected++;
			if (times == 0) {
				this.lost++;
				this.problems.add("lost: " + what);
				return;
			}
			this.seen++;
			if (times > 1) {
				this.duplicates += times - 1;
				this.problems.add("duplicated (" + times + "x): " + what);
			}
		}

		/** Effects observed that nothing asked for. */
		void extra(int times, String what) {
			this.duplicates += times;
			this.problems.add("unexpected (" + times + "x): " + what);
		}

		/** A KPI count that must have grown by exactly {@code wanted}: each unit an effect. */
		void kpi(String what, long grown, long wanted) {
			this.expected += (int) wanted;
			this.seen += (int) Math.min(grown, wanted);
			if (grown < wanted) {
				this.lost += (int) (wanted - grown);
				this.problems.add("lost: KPI " + what + " grew by " + grown + ", not " + wanted);
			}
			else if (grown > wanted) {
				this.duplicates += (int) (grown - wanted);
				this.problems.add("duplicated: KPI " + what + " grew by " + grown + ", not " + wanted);
			}
		}

		void problem(String what) {
			this.problems.add(what);
		}

		/** Copies of messages resent after a crash (see {@link Scenario#killsNotificationService()}). */
		void resent(int times, String what) {
			this.resent += times;
			this.notes.add("resent after the crash: " + what);
		}

		/** Worth knowing, not wrong. */
		void note(String what) {
			this.notes.add(what);
		}

		/** Effects counted as seen that turn out to be lost after all. */
		void unseen(int times, String what) {
			this.seen -= times;
			this.lost += times;
			this.problems.add("lost: " + what);
		}

	}

	/** The KPI counts a stream moves: orders placed, deliveries, delivery exceptions raised. */
	record Kpis(long placed, long delivered, long exceptions) {

		static Kpis of(JsonNode total) {
			return new Kpis(number(total, "averageOrderValue", "count"), number(total, "onTimeDeliveryRate", "denominator"),
					number(total, "exceptionsPer100Shipments", "numerator"));
		}

		private static long number(JsonNode total, String kpi, String field) {
			var value = total.path(kpi).path(field);
			return value.isMissingNode() || value.isNull() ? 0 : value.asLong();
		}
	}

}
