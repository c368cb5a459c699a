package dev.postpurchase.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

import dev.postpurchase.contracts.shipment.TrackingStatus;

import static org.awaitility.Awaitility.await;

/**
 * Sends a stream of orders through the public interfaces in the background, each order's steps in
 * order (placed, fulfilled, scanned to delivery, returned), the orders overlapping like real traffic.
 * Each step is an event sent; a step the platform cannot take yet is tried again until it can (see
 * {@link Platform#send}).
 */
final class Traffic implements AutoCloseable {

	/** Between two orders starting. */
	private final Duration spacing;

	/** Between two steps of one order. */
	private final Duration gap;

	private final Platform platform;

	private final ScheduledExecutorService senders;

	private final AtomicInteger sent = new AtomicInteger();

	private final AtomicInteger placed = new AtomicInteger();

	private final AtomicInteger finished = new AtomicInteger();

	private final AtomicInteger returnsRequested = new AtomicInteger();

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	/** Return id by order id, for the returns the stream made. */
	private final Map<String, String> returnIds = new ConcurrentHashMap<>();

	private final int orders;

	private Traffic(Platform platform, List<OrderPlan> plans, Duration spacing, Duration gap) {
		this.platform = platform;
		this.spacing = spacing;
		this.gap = gap;
		this.orders = plans.size();
		var threads = new AtomicInteger();
		this.senders = Executors.newScheduledThreadPool(8, runnable -> {
			var thread = new Thread(runnable, "traffic-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		for (int i = 0; i < plans.size(); i++) {
			var steps = steps(plans.get(i));
			this.senders.schedule(() -> run(steps, 0), this.spacing.toMillis() * i, TimeUnit.MILLISECONDS);
		}
	}

	/** Starts sending the orders, one every {@code spacing}, their steps {@code gap} apart. */
	static Traffic start(Platform platform, List<OrderPlan> plans, Duration spacing, Duration gap) {
		return new Traffic(platform, plans, spacing, gap);
	}

	/** One step of an order: one event sent. */
	private interface Step {

		void send();

	}

	private List<Step> steps(OrderPlan plan) {
		var steps = new ArrayList<Step>();
		steps.add(() -> {
			this.platform.place(plan);
			this.placed.incrementAndGet();
		});
		steps.add(() -> this.platform.fulfill(plan));
		for (var update : plan.scans()) {
			steps.add(() -> this.platform.scan(plan, update));
		}
		if (plan.returned()) {
			var label = new JsonNode[1];
			steps.add(() -> {
				var created = this.platform.requestReturn(plan.orderId());
				this.returnIds.put(plan.orderId(), created.get("id").asString());
				this.returnsRequested.incrementAndGet();
				label[0] = created.get("label");
			});
			// tracking-service follows the return parcel once it has read the label: a scan before is parked
			steps.add(() -> this.platform.scanReturn(label[0].get("carrier").asString(),
					label[0].get("trackingNumber").asString(), TrackingStatus.IN_TRANSIT));
			steps.add(() -> this.platform.scanReturn(label[0].get("carrier").asString(),
					label[0].get("trackingNumber").asString(), TrackingStatus.DELIVERED));
		}
		return steps;
	}

	private void run(List<Step> steps, int next) {
		try {
			steps.get(next).send();
			this.sent.incrementAndGet();
		}
		catch (RuntimeException | AssertionError ex) {
			this.failures.add(ex);
			this.finished.incrementAndGet();
			return;
		}
		if (next + 1 < steps.size()) {
			this.senders.schedule(() -> run(steps, next + 1), this.gap.toMillis(), TimeUnit.MILLISECONDS);
		}
		else {
			this.finished.incrementAndGet();
		}
	}

	/** Events sent so far: orders, fulfillments, carrier updates, return requests and return scans. */
	int sent() {
		return this.sent.get();
	}

	/** Waits until at least {@code count} orders were placed. */
	void awaitPlaced(int count) {
		await().atMost(Platform.GIVE_UP_AFTER).until(() -> this.placed.get() >= count || !this.failures.isEmpty());
	}

	/** Waits until at least {@code count} returns were requested. */
	void awaitReturns(int count) {
		await().atMost(Platform.GIVE_UP_AFTER).until(() -> this.returnsRequested.get() >= count || !this.failures.isEmpty());
	}

	/** Waits until every order was sent to its end; fails with the first sender that gave up. */
	void awaitSent(Duration timeout) {
		try {
			await().atMost(timeout).until(() -> this.finished.get() == this.orders);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("The traffic was not sent within " + timeout + ": " + this.finished.get() + " of "
					+ this.orders + " orders done", ex);
		}
		if (!this.failures.isEmpty()) {
			var failure = new AssertionError("A sender gave up: " + this.failures.get(0).getMessage(), this.failures.get(0));
			this.failures.stream().skip(1).forEach(failure::addSuppressed);
			throw failure;
		}
	}

	/** The return the stream made for an order, if any. */
	String returnId(String orderId) {
		return this.returnIds.get(orderId);
	}

	@Override
	public void close() {
		this.senders.shutdownNow();
	}

}
