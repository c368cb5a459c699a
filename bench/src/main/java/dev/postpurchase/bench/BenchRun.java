package dev.postpurchase.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.ToLongFunction;

import dev.postpurchase.bench.load.Batch;
import dev.postpurchase.bench.load.Clocks;
import dev.postpurchase.bench.load.Orders;
import dev.postpurchase.bench.load.Parcel;
import dev.postpurchase.bench.load.Parcels;
import dev.postpurchase.bench.load.ScanPlan;
import dev.postpurchase.bench.load.Scans;
import dev.postpurchase.bench.measure.Inboxes;
import dev.postpurchase.bench.measure.Latencies;
import dev.postpurchase.bench.measure.Machine;
import dev.postpurchase.bench.measure.Prometheus;
import dev.postpurchase.bench.measure.RawKafkaProbe;
import dev.postpurchase.bench.measure.Sampler;
import dev.postpurchase.bench.measure.Seeder;
import dev.postpurchase.bench.measure.PlatformEvents;
import dev.postpurchase.bench.measure.ConsumerProgress;
import dev.postpurchase.bench.platform.Platform;
import dev.postpurchase.bench.report.Results;
import dev.postpurchase.contracts.Topics;

/**
 * One benchmark run against a running platform: the raw Kafka probe, the warm-up, the order phase,
 * the load steps and the cost-growth levels, in that order, each measured as {@link Results} describes
 * but the warm-up, which only a note reports.
 *
 * <p>The warm-up (unless {@code --warm-up 0s}) prepares parcels as a step does and offers their scans
 * at the lowest fixed rate (50/s without one) for {@code --warm-up}, then waits, up to the drain
 * timeout, until every message of their journeys is decided: the fixed-rate steps measure the
 * platform warm, not its code being compiled just in time or its pools and caches filling.
 *
 * <p>A step first prepares its own parcels: orders placed and fulfilled by REST, then it waits until
 * tracking-service registered every shipment, notification-service decided every order confirmation, and
 * the platform is quiet, so that its preparation does not compete with its scans (the shipped email
 * comes with the first in-transit scan: it is part of the step).
 *
 * <p>A step's scans are <em>fully processed</em> at the first moment when all of these hold for the
 * step's own parcels: tracking-service received them all ({@code tracking_updates_received_total})
 * and published the four status changes of every parcel (info received, in transit, out for delivery,
 * delivered; read on {@code shipment.events}); notification-service published its final decision on
 * every milestone message of every parcel — shipped (email), out for delivery (SMS) and delivered
 * (email): sent to the provider stand-in, suppressed or failed for good (read on
 * {@code notification.events}); and cx-metrics-service's consumer of {@code shipment.events} committed
 * past every delivery of the step. Throughput is the step's scans over the time from its first scan
 * sent to that moment.
 */
final class BenchRun {

	private static final Duration POLL = Duration.ofMillis(500);

	/** The status changes of a parcel's journey: info received, in transit, out for delivery, delivered. */
	private static final int STATUS_CHANGES = 4;

	/** The warm-up's batch, apart from every step's. */
	private static final String WARM_UP = "warm-up";

	/** The warm-up's offered load without a fixed-rate step to take it from, scans per second. */
	private static final double WARM_UP_RATE = 50;

	private final BenchOptions options;

	private final Platform platform;

	private final Sampler sampler;

	private final Parcels parcels;

	private final Orders orders;

	private final Scans scans;

	private final PlatformEvents events;

	private final ConsumerProgress kpis;

	private final Inboxes inboxes;

	private final List<String> notes = new ArrayList<>();

	BenchRun(BenchOptions options, Platform platform, Sampler sampler) {
		this.options = options;
		this.platform = platform;
		this.sampler = sampler;
		this.parcels = new Parcels(options.scansPerShipment());
		this.orders = new Orders(platform, this.parcels, options.concurrency());
		this.scans = new Scans(platform, options.scansVia(), options.restBatch());
		this.events = new PlatformEvents(platform.kafkaBootstrapServers(), this.parcels);
		this.kpis = new ConsumerProgress(platform.kafkaBootstrapServers(), "cx-metrics-service.", Topics.SHIPMENT_EVENTS);
		this.inboxes = new Inboxes(platform.simulators(), this.parcels);
	}

	Results.Run run(Results.Conditions conditions) {
		try {
			var raw = rawProbe();
			warmUp();
			var orderPhase = orderPhase();
			var steps = new ArrayList<Results.Step>();
			var rates = this.options.rates().stream().sorted().toList();
			for (int i = 0; i < rates.size(); i++) {
				var rate = rates.get(i);
				var step = step(label(rate), rate, Math.round(rate * this.options.duration().toMillis() / 1000.0));
				steps.add(step);
				if (!step.complete() && !this.options.keepGoing() && i + 1 < rates.size()) {
					var skipped = rates.subList(i + 1, rates.size()).stream().map(BenchRun::label).toList();
					this.notes.add("Steps " + String.join(", ", skipped) + " skipped: the platform did not finish " + step.name()
							+ " within the drain timeout, so higher loads could only measure the same backlog for longer "
							+ "(--keep-going runs them anyway).");
					progress("  skipping " + String.join(", ", skipped));
					break;
				}
			}
			if (this.options.max()) {
				steps.add(step("max", 0, maxScans(steps)));
			}
			var scale = scale();
			if (this.inboxes.textOverflows() > 0) {
				this.notes.add("The SMS simulator keeps its latest " + 1000 + " texts; " + this.inboxes.textOverflows()
						+ " reads found only new ones, so some texts were not seen and their latencies are missing from the "
						+ "percentiles (which are over the texts seen; see the counts).");
			}
			this.sampler.sample();
			return new Results.Run(conditions, raw, orderPhase, steps, scale, this.sampler.all(), this.notes,
					Machine.loadAverage(), Instant.now());
		}
		finally {
			this.inboxes.close();
			this.events.close();
			this.kpis.close();
			this.scans.close();
		}
	}

	/**
	 * The max step's size: a minute's worth at the best throughput measured so far (at least 1,000
	 * scans), up to --max-scans, so that it reaches a steady state without taking hours on a platform
	 * far below the machine's limits.
	 */
	private long maxScans(List<Results.Step> steps) {
		double best = steps.stream().filter(Results.Step::complete).mapToDouble(Results.Step::throughput).max().orElse(0);
		long scans = Math.min(this.options.maxScans(), Math.max(1_000, Math.round(best * 60)));
		if (scans < this.options.maxScans()) {
			this.notes.add("The max step sent " + scans + " scans (a minute's worth at the best throughput measured before "
					+ "it) instead of --max-scans " + this.options.maxScans() + ".");
		}
		return scans;
	}

	private static String label(double rate) {
		return (rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate)) + "/s";
	}

	private RawKafkaProbe.Result rawProbe() {
		if (this.options.rawRecords() <= 0) {
			return null;
		}
		progress("Raw Kafka probe: " + this.options.rawRecords() + " records on " + this.platform.kafkaBootstrapServers());
		// the same records as the scans: same shape, size and compressibility
		var sample = this.parcels.batch("raw-probe", 1000);
		var plan = new ScanPlan(sample, this.options.scansPerShipment(), 1, Duration.ofSeconds(1));
		var payloads = new ArrayList<byte[]>();
		var keys = new ArrayList<String>();
		for (var parcel : sample.parcels()) {
			for (int stage = 0; stage < this.options.scansPerShipment(); stage++) {
				payloads.add(plan.json(new ScanPlan.Scan(parcel, stage)));
				keys.add(parcel.trackingNumber());
			}
		}
		var result = RawKafkaProbe.run(this.platform.kafkaBootstrapServers(), "bench.raw-probe." + this.parcels.run(),
				RawKafkaProbe.partitionsOf(this.platform.kafkaBootstrapServers(), Topics.TRACKING_INBOUND),
				this.options.rawRecords(), i -> payloads.get(i % payloads.size()),
				i -> keys.get(i % keys.size()) + (i / keys.size()), Duration.ofMinutes(10));
		progress(String.format("  %.0f records/s end to end (%.0f produced/s), %.0f bytes each", result.perSecond(),
				result.producedPerSecond(), result.recordBytes()));
		return result;
	}

	/**
	 * The warm-up, unless --warm-up is 0s: a batch prepared as a step's, its scans offered at the lowest
	 * fixed rate (50/s without one) for --warm-up, then a wait, up to the drain timeout, until every
	 * message of its journeys is decided. Its figures are discarded; a note says that it ran and whether
	 * it finished.
	 */
	private void warmUp() {
		var duration = this.options.warmUp();
		if (duration.isZero()) {
			return;
		}
		double rate = this.options.rates().stream().mapToDouble(Double::doubleValue).min().orElse(WARM_UP_RATE);
		long scanCount = Math.round(rate * duration.toMillis() / 1000.0);
		progress("Warm-up (not reported): preparing " + parcelsFor(scanCount)
				+ " parcels (orders and fulfillments by REST)");
		try {
			var prepared = prepare(WARM_UP, scanCount, "the warm-up");
			var batch = prepared.batch();
			var plan = new ScanPlan(batch, this.options.scansPerShipment(), rate, this.options.scanGap());
			progress(String.format("  prepared (%.0f orders/s accepted); offering %d scans at %s for %d s",
					prepared.ordersPerSecond(), plan.total(), label(rate), duration.toSeconds()));
			var offered = this.scans.send(plan, rate);
			var deadline = Instant.now().plus(this.options.drainTimeout());
			while (batch.journeysDecidedCount() < batch.size() && Instant.now().isBefore(deadline)) {
				pause(POLL);
			}
			boolean finished = batch.journeysDecidedCount() >= batch.size();
			long seconds = Math.round((Clocks.micros() - offered.firstSent()) / 1e6);
			var ran = "A warm-up of " + batch.size() + " parcels / " + plan.total() + " scans (at " + label(rate)
					+ ") ran for " + seconds + " s before the measured phases, from its first scan until ";
			this.notes.add(finished
					? ran + "every message of its journeys was decided, within the drain timeout; its figures are not "
							+ "reported."
					: ran + "the drain timeout ended: it did not finish in time (notification-service had decided every "
							+ "message of " + batch.journeysDecidedCount() + " of its " + batch.size() + " parcels), so the "
							+ "order phase began with its work still under way; its figures are not reported.");
			progress(finished ? "  done in " + seconds + " s"
					: "  not finished within the drain timeout: every message decided for " + batch.journeysDecidedCount()
							+ " of " + batch.size() + " parcels");
		}
		catch (RuntimeException ex) {
			this.notes.add("The warm-up could not run: " + ex.getMessage() + "; the measured phases may include the "
					+ "platform's own warm-up.");
			progress("  could not run: " + ex.getMessage());
		}
	}

	private Results.OrderPhase orderPhase() {
		int count = (int) Math.round(this.options.orderRate() * this.options.orderDuration().toMillis() / 1000.0);
		if (count <= 0) {
			return null;
		}
		progress("Order phase: " + count + " orders at " + label(this.options.orderRate()));
		var batch = this.parcels.batch("orders", count);
		var placement = this.orders.place(batch, this.options.orderRate());
		awaitOrNote("the confirmation emails of the order phase", Duration.ofMinutes(2),
				() -> batch.parcels().stream().allMatch(parcel -> parcel.emailReceived() > 0));
		var latencies = latencies(batch, Parcel::emailReceived, Parcel::orderAccepted);
		if (!latencies.measured()) {
			this.notes.add("No confirmation email reached the simulators' SMTP capture (GET /mail): order to email "
					+ "latency not measured (a deployed platform may send mail elsewhere, e.g. Mailpit).");
		}
		progress(String.format("  accepted %.1f orders/s; order to email p50 %.0f ms, p99 %.0f ms (%d emails)",
				placement.perSecond(), latencies.p50(), latencies.p99(), latencies.count()));
		return new Results.OrderPhase(count, this.options.orderRate(), placement.perSecond(), latencies,
				latencies.count());
	}

	/** A step; one that cannot run (its parcels never registered, say) is reported as such, and the run goes on. */
	private Results.Step step(String name, double rate, long scanCount) {
		try {
			return prepareAndRun(name, rate, scanCount);
		}
		catch (RuntimeException ex) {
			this.notes.add("Step " + name + " could not run: " + ex.getMessage());
			progress("  could not run: " + ex.getMessage());
			return new Results.Step(name, rate > 0 ? rate : Double.NaN, parcelsFor(scanCount), scanCount, Double.NaN,
					Double.NaN, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Latencies.NONE, Latencies.NONE, 0, "",
					List.of(), "could not run: " + ex.getMessage(), Double.NaN, Double.NaN, List.of());
		}
	}

	/** Prepares a batch of parcels and offers their scans. */
	private Results.Step prepareAndRun(String name, double rate, long scanCount) {
		progress("Step " + name + ": preparing " + parcelsFor(scanCount) + " parcels (orders and fulfillments by REST)");
		var prepared = prepare(name, scanCount, "step " + name + ", whose figures include the earlier work still under way");
		var batch = prepared.batch();
		progress(String.format("  prepared (%.0f orders/s accepted); offering %d scans %s", prepared.ordersPerSecond(),
				(long) batch.size() * this.options.scansPerShipment(), rate > 0 ? "at " + label(rate) : "as fast as taken"));
		return run(name, rate, batch, prepared.ordersPerSecond());
	}

	/**
	 * A batch of parcels for this many scans, prepared: orders placed and fulfilled by REST (as fast as
	 * order-service takes them), then a wait until tracking-service registered every shipment,
	 * notification-service decided every order confirmation, and the platform is quiet, so that none of
	 * it competes with the scans.
	 *
	 * @param before what comes next, for the note should the platform not become quiet in time
	 */
	private Prepared prepare(String name, long scanCount, String before) {
		int size = parcelsFor(scanCount);
		var batch = this.parcels.batch(name, size);
		var placed = this.orders.place(batch, 0);
		this.orders.fulfill(batch);
		var preparation = Duration.ofMinutes(5).plus(this.options.drainTimeout());
		await("the " + size + " shipments registered", preparation, () -> batch.registeredCount() >= size);
		await("every order confirmation decided", preparation, () -> batch.confirmationsDecidedCount() >= size);
		awaitQuiet(before, preparation);
		return new Prepared(batch, placed.perSecond());
	}

	/** The parcels that carry this many scans, at least one. */
	private int parcelsFor(long scanCount) {
		return (int) Math.max(1, (scanCount + this.options.scansPerShipment() - 1) / this.options.scansPerShipment());
	}

	private Results.Step run(String name, double rate, Batch batch, double preparationRate) {
		var plan = new ScanPlan(batch, this.options.scansPerShipment(), rate, this.options.scanGap());
		var before = this.sampler.sample();
		var base = Counters.read(this.sampler);
		long size = batch.size();
		long total = plan.total();
		var offered = this.scans.send(plan, rate);
		long first = offered.firstSent();
		long[] done = new long[3];
		var deadline = Instant.now().plus(this.options.drainTimeout());
		while (Instant.now().isBefore(deadline) && (done[0] == 0 || done[1] == 0 || done[2] == 0)) {
			long now = Clocks.micros();
			if (done[0] == 0) {
				refresh("tracking-service");
				if (Counters.read(this.sampler).trackingReceived() - base.trackingReceived() >= total
						&& batch.statusChangeCount() >= STATUS_CHANGES * size) {
					done[0] = now;
				}
			}
			if (done[1] == 0 && batch.journeysDecidedCount() >= size) {
				done[1] = now;
			}
			if (done[2] == 0 && batch.deliveryCount() >= size && this.kpis.past(batch.lastDelivered())) {
				done[2] = now;
			}
			pause(POLL);
		}
		var end = Counters.read(this.sampler);
		boolean complete = done[0] > 0 && done[1] > 0 && done[2] > 0;
		long last = complete ? Math.max(done[0], Math.max(done[1], done[2])) : Clocks.micros();
		this.sampler.sample();
		var usage = Usages.between(this.sampler, first, last);
		// the second figure: until every service is quiet again, so that what lagging consumers put off counts
		double quietSeconds = complete && awaitQuiet("the cost of step " + name + " is taken", this.options.drainTimeout())
				? seconds(first, Clocks.micros()) : Double.NaN;
		var costs = Double.isNaN(quietSeconds) ? List.<Results.Cost>of() : Usages.costs(before, this.sampler.sample(), total);
		var texted = plan.textedStage();
		var toText = latencies(batch, Parcel::smsReceived, parcel -> parcel.scanAccepted(texted));
		var toUpdate = latencies(batch, Parcel::milestoneUpdated, parcel -> parcel.scanAccepted(texted));
		double throughput = complete ? total * 1e6 / (last - first) : Double.NaN;
		String progressNote = complete ? ""
				: String.format("%d s after the last scan: tracking-service had received %s of %d scans and published %d of "
						+ "%d status changes (%d of %d deliveries); notification-service had decided every message of %d of %d "
						+ "parcels; cx-metrics-service %s", this.options.drainTimeout().toSeconds(),
						fmt(end.trackingReceived() - base.trackingReceived()), total, batch.statusChangeCount(),
						STATUS_CHANGES * size, batch.deliveryCount(), size, batch.journeysDecidedCount(), size,
						done[2] > 0 ? "had counted every delivery" : "had not yet read past every delivery");
		if (!complete) {
			this.notes.add("Step " + name + " did not finish within the drain timeout: " + progressNote);
		}
		var step = new Results.Step(name, rate > 0 ? rate : Double.NaN, size, total, offered.perSecond(),
				offered.sendingSeconds(), complete, throughput, seconds(first, done[0]), seconds(first, done[1]),
				seconds(first, done[2]), toText, toUpdate, toText.count(), textOutcomes(batch), usage, progressNote,
				preparationRate, quietSeconds, costs);
		progress(complete
				? String.format("  %.0f scans/s offered, %.0f fully processed/s (%.0f/s until quiet); scan to SMS p50 %.0f ms, "
						+ "p99 %.0f ms, max %.0f ms", step.sentRate(), throughput, step.quietThroughput(), toText.p50(),
						toText.p99(), toText.max())
				: "  incomplete: " + progressNote);
		return step;
	}

	private List<Results.Scale> scale() {
		if (this.options.scale().isEmpty()) {
			return List.of();
		}
		if (this.platform.mongoUri() == null) {
			this.notes.add("Cost growth not measured: no MongoDB of tracking-service to seed (--target ...,mongo=URI).");
			return List.of();
		}
		var levels = new ArrayList<Results.Scale>();
		try (var seeder = new Seeder(this.platform.mongoUri())) {
			var template = template(seeder);
			for (var level : this.options.scale()) {
				progress("Cost growth: seeding up to " + level + " active shipments");
				long started = System.nanoTime();
				long added = seeder.seedUpTo(level, template, this.parcels.run());
				double seedSeconds = (System.nanoTime() - started) / 1e9;
				progress(String.format("  %d added in %.1f s; the exception checker with nothing due:", added, seedSeconds));
				var idle = checkerCost(() -> pause(POLL), 3);
				progress(String.format("  %d runs, %.1f ms each on average", idle.runs(), idle.meanSeconds() * 1000));
				int size = (int) Math.max(1, Math.round(this.options.scaleRate() * this.options.scaleDuration().toMillis()
						/ 1000.0 / this.options.scansPerShipment()));
				var name = "scale " + level;
				var before = checkerCounters();
				var step = step(name, this.options.scaleRate(), (long) size * this.options.scansPerShipment());
				var loaded = checkerCost(before);
				levels.add(new Results.Scale(seeder.seeded(), added, seedSeconds, idle, loaded, step));
			}
		}
		return levels;
	}

	/** A real shipment, registered and in transit through the platform itself: the shape seeds copy. */
	private org.bson.Document template(Seeder seeder) {
		var batch = this.parcels.batch("template", 1);
		this.orders.place(batch, 0);
		this.orders.fulfill(batch);
		await("the template shipment registered", Duration.ofMinutes(2), () -> batch.registeredCount() >= 1);
		var plan = new ScanPlan(batch, this.options.scansPerShipment(), 1, Duration.ofSeconds(1));
		var parcel = batch.parcels().get(0);
		this.scans.sendNow(plan, List.of(new ScanPlan.Scan(parcel, 0), new ScanPlan.Scan(parcel, 1)));
		await("the template shipment in transit", Duration.ofMinutes(2), () -> batch.statusChangeCount() >= 2);
		return seeder.shipmentOf(parcel.orderId());
	}

	private double[] checkerCounters() {
		refresh("tracking-service");
		var tracking = this.sampler.latest("tracking-service");
		return new double[] { tracking.sum("tracking_checker_runs_seconds_count"),
				tracking.sum("tracking_checker_runs_seconds_sum"), tracking.sum("tracking_checker_items_checked_total") };
	}

	/** The checker's cost over at least {@code runs} runs, waiting as long as it takes (up to ten intervals). */
	private Results.CheckerCost checkerCost(Runnable pause, int runs) {
		var before = checkerCounters();
		var deadline = Instant.now().plus(this.options.checkInterval().multipliedBy(10)).plusSeconds(30);
		while (Instant.now().isBefore(deadline) && checkerCounters()[0] - before[0] < runs) {
			pause.run();
		}
		return checkerCost(before);
	}

	private Results.CheckerCost checkerCost(double[] before) {
		var after = checkerCounters();
		long runs = Math.round(after[0] - before[0]);
		if (runs <= 0) {
			return Results.CheckerCost.NONE;
		}
		return new Results.CheckerCost(runs, (after[1] - before[1]) / runs,
				this.sampler.latest("tracking-service").sum("tracking_checker_runs_seconds_max"),
				(after[2] - before[2]) / runs);
	}

	/**
	 * Waits until no consumer of any service lags, no outbox holds anything back and no message waits to
	 * be sent ({@code notifications_backlog}); if that does not happen in time, what comes next (a step,
	 * the warm-up) runs anyway and the report says so.
	 */
	private boolean awaitQuiet(String before, Duration timeout) {
		var what = "the platform quiet (no consumer lag, empty outboxes, no message waiting) before " + before;
		return awaitOrNote(what, timeout, () -> {
			refresh(Platform.SERVICES.toArray(String[]::new));
			return Platform.SERVICES.stream().allMatch(service -> {
				var scrape = this.sampler.latest(service);
				return scrape.sum("kafka_consumer_fetch_manager_records_lag", Prometheus.realTopic()) <= 0
						&& scrape.sum("outbox_backlog") <= 0 && scrape.sum("notifications_backlog") <= 0;
			});
		});
	}

	private void refresh(String... services) {
		this.sampler.refresh(services);
	}

	/** Whether the condition came true in time; when not, the report says so. */
	private boolean awaitOrNote(String what, Duration timeout, BooleanSupplier condition) {
		try {
			await(what, timeout, condition);
			return true;
		}
		catch (IllegalStateException ex) {
			this.notes.add(ex.getMessage() + ".");
			progress("  " + ex.getMessage());
			return false;
		}
	}

	private void await(String what, Duration timeout, BooleanSupplier condition) {
		var deadline = Instant.now().plus(timeout);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Gave up waiting for " + what + " after " + timeout.toSeconds() + " s");
			}
			pause(POLL);
		}
	}

	/** What became of the parcels' out-for-delivery messages, e.g. {@code sms sent 498, undecided 2}. */
	static String textOutcomes(Batch batch) {
		var outcomes = new TreeMap<String, Long>();
		batch.parcels().forEach(parcel -> outcomes.merge(parcel.textOutcome() == null ? "undecided" : parcel.textOutcome(),
				1L, Long::sum));
		return String.join(", ", outcomes.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue()).toList());
	}

	static Latencies latencies(Batch batch, ToLongFunction<Parcel> end, ToLongFunction<Parcel> start) {
		return Latencies.of(batch.parcels()
			.stream()
			.filter(parcel -> end.applyAsLong(parcel) > 0 && start.applyAsLong(parcel) > 0)
			.mapToDouble(parcel -> (end.applyAsLong(parcel) - start.applyAsLong(parcel)) / 1000.0)
			.toArray());
	}

	private static double seconds(long from, long to) {
		return to == 0 ? Double.NaN : (to - from) / 1e6;
	}

	private static String fmt(double value) {
		return String.valueOf(Math.round(value));
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	static void progress(String line) {
		System.out.println("[bench] " + line);
	}

	/** A batch ready for its scans, and how fast order-service took its orders. */
	private record Prepared(Batch batch, double ordersPerSecond) {

	}

	/** The service-wide counter a step checks besides its own parcels' events, from the latest scrape. */
	record Counters(double trackingReceived) {

		static Counters read(Sampler sampler) {
			return new Counters(sampler.latest("tracking-service").sum("tracking_updates_received_total"));
		}
	}
}
