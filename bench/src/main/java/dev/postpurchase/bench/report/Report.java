package dev.postpurchase.bench.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.postpurchase.bench.Bench;
import dev.postpurchase.bench.measure.Latencies;

/**
 * The run as a markdown report: the verdict against issue 11's targets first, then the conditions
 * (machine, load, code, settings), what each figure means, and the figures. Everything not measured
 * says so ("n/a"), never 0.
 */
public final class Report {

	/** The report's sections, in order; every report has them all. */
	public static final List<String> SECTIONS = List.of("Verdict against the targets", "Conditions",
			"Settings the benchmark gave the platform", "What is measured", "Transport limit: raw Kafka on the same broker",
			"Throughput and latency per offered load", "Latency against offered load", "Per-process use of the machine",
			"Cost per scan, until the platform is quiet", "Order to confirmation email", "Cost growth with active shipments", "Notes", "Files");

	/** The services whose heap the 512 MB target is about (not the stack's JVM or the benchmark). */
	private static final Set<String> SERVICES = Set.of("order-service", "tracking-service", "notification-service",
			"returns-service", "cx-metrics-service", "customer-pages");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private Report() {
	}

	/**
	 * @param files where the report's files are, relative to the report ({@code ""} beside it, or
	 *     {@code 2026-...Z/} for {@code latest.md})
	 */
	public static String render(Results.Run run, String files) {
		var md = new StringBuilder();
		var conditions = run.conditions();
		md.append("# Benchmark report\n\n");
		md.append("Run of ").append(TIME.format(conditions.started())).append(" to ").append(TIME.format(run.finished()))
			.append(", profile `").append(conditions.profile()).append("`, commit `").append(conditions.commit())
			.append("`.\n\n");
		md.append("`").append(conditions.commandLine()).append("`\n\n");
		verdict(md, run);
		conditions(md, run);
		settings(md, conditions);
		definitions(md, conditions);
		raw(md, run);
		steps(md, run);
		md.append("## ").append(SECTIONS.get(6)).append("\n\n");
		md.append("![Latency percentiles, scan accepted to SMS handed to the provider stand-in, against offered load](")
			.append(files)
			.append("latency.svg)\n\n");
		md.append("In figures (p50 / p99 ms): ");
		var figures = chartPoints(run).stream()
			.map(point -> point.label() + " " + ms(point.latencies().p50()) + " / " + ms(point.latencies().p99()))
			.toList();
		md.append(figures.isEmpty() ? "no load step ran" : String.join("; ", figures));
		md.append(".\n\n");
		usage(md, run);
		costs(md, run);
		orders(md, run);
		scale(md, run);
		md.append("## ").append(SECTIONS.get(11)).append("\n\n");
		if (run.notes().isEmpty()) {
			md.append("None.\n\n");
		}
		else {
			run.notes().forEach(note -> md.append("- ").append(note).append('\n'));
			md.append('\n');
		}
		md.append("## ").append(SECTIONS.get(12)).append("\n\n");
		md.append("- [latency.svg](").append(files).append("latency.svg): the chart above\n");
		for (var csv : CsvFiles.NAMES) {
			md.append("- [").append(csv).append("](").append(files).append(csv).append(")\n");
		}
		md.append("\nReproduce: `./mvnw -B -q install -DskipTests && java -jar bench/target/bench.jar --profile ")
			.append(conditions.profile())
			.append("` (see bench/README.md).\n");
		return md.toString();
	}

	private static void verdict(StringBuilder md, Results.Run run) {
		md.append("## ").append(SECTIONS.get(0)).append("\n\n");
		md.append("Goals of issue 11 for a 2-core machine on the embedded default; measured under the conditions below "
				+ "(a loaded or shared machine measures less than it could).\n\n");
		md.append("| target | measured | verdict |\n|---|---|---|\n");
		var best = CsvFiles.allSteps(run).stream().filter(Results.Step::complete).max(
				Comparator.comparingDouble(Results.Step::throughput));
		md.append("| ≥ 20,000 carrier updates/s sustained end to end | ")
			.append(best.map(step -> rate(step.throughput()) + " /s (step " + step.name() + ")").orElse("n/a"))
			.append(" | ")
			.append(best.map(step -> step.throughput() >= 20_000 ? "met" : "not met").orElse("not measured"))
			.append(" |\n");
		var at2000 = run.steps().stream().filter(step -> step.offeredRate() == 2000).findFirst();
		md.append("| p99 scan to provider ≤ 100 ms at 2,000 updates/s | ")
			.append(at2000.filter(step -> step.scanToText().measured())
				.map(step -> ms(step.scanToText().p99()) + " ms")
				.orElse("n/a"))
			.append(" | ")
			.append(at2000.filter(step -> step.scanToText().measured())
				.map(step -> step.scanToText().p99() <= 100 ? "met" : "not met")
				.orElse("not measured (no 2000/s step)"))
			.append(" |\n");
		var levels = run.scale().stream().filter(level -> level.idle().runs() > 0).toList();
		if (levels.size() >= 2) {
			var first = levels.get(0);
			var last = levels.get(levels.size() - 1);
			double ratio = last.idle().meanSeconds() / first.idle().meanSeconds();
			md.append("| exception-checker cost flat from 10 k to 1 M active shipments, nothing due | ")
				.append(ms(first.idle().meanSeconds() * 1000))
				.append(" ms per run at ")
				.append(count(first.activeShipments()))
				.append(", ")
				.append(ms(last.idle().meanSeconds() * 1000))
				.append(" ms at ")
				.append(count(last.activeShipments()))
				.append(String.format(Locale.ROOT, " (×%.1f)", ratio))
				.append(" | ")
				.append(last.activeShipments() < 1_000_000 ? "not measured up to 1 M; "
						: "")
				.append(ratio <= 2 ? "flat (within ×2)" : "grows")
				.append(" |\n");
		}
		else {
			md.append("| exception-checker cost flat from 10 k to 1 M active shipments, nothing due | ")
				.append(levels.isEmpty() ? "n/a" : ms(levels.get(0).idle().meanSeconds() * 1000) + " ms per run at "
						+ count(levels.get(0).activeShipments()))
				.append(" | not measured (needs two levels) |\n");
		}
		var heaviest = CsvFiles.allSteps(run).stream()
			.flatMap(step -> step.usage().stream())
			.filter(use -> SERVICES.contains(use.process()) && !Double.isNaN(use.heapMaxMegabytes()))
			.max(Comparator.comparingDouble(Results.Usage::heapMaxMegabytes));
		md.append("| every service within 512 MB heap at peak | ")
			.append(heaviest.map(use -> String.format(Locale.ROOT, "%.0f MB (%s)", use.heapMaxMegabytes(), use.process()))
				.orElse("n/a"))
			.append(" | ")
			.append(heaviest.map(use -> use.heapMaxMegabytes() <= 512 ? "met" : "not met").orElse("not measured"))
			.append(" |\n\n");
		if (run.raw() != null && best.isPresent()) {
			md.append(String.format(Locale.ROOT,
					"Best end-to-end throughput is %.1f%% of the raw Kafka produce-and-consume rate on the same broker "
							+ "(%s records/s).%n%n",
					100 * best.get().throughput() / run.raw().perSecond(), rate(run.raw().perSecond())));
		}
	}

	private static void conditions(StringBuilder md, Results.Run run) {
		var c = run.conditions();
		md.append("## ").append(SECTIONS.get(1)).append("\n\n");
		md.append("| | |\n|---|---|\n");
		row(md, "machine", c.cores() + " cores (" + c.cpuModel() + "), " + c.memory() + " memory, " + c.os());
		row(md, "load average (1, 5, 15 min)", "at start " + c.loadAverageStart() + "; at end " + run.loadAverageEnd());
		row(md, "JVM", c.jvm() + " (the benchmark's; the embedded stack and its services run on the same)");
		row(md, "Kafka client", c.kafkaClient());
		row(md, "commit", c.commit());
		row(md, "platform", c.platform());
		row(md, "scans", c.scansPerShipment() + " per parcel, " + c.scanGap().toMillis() + " ms apart, via "
				+ c.scansVia().toLowerCase(Locale.ROOT));
		row(md, "warm-up", c.warmUp().isZero() ? "none (--warm-up 0s)"
				: c.warmUp().toSeconds() + " s of scans before the measured phases, not reported (see the notes)");
		md.append('\n');
		md.append("The benchmark itself (load generator and measurements) runs on the same machine and competes for "
				+ "the same cores; its CPU use is listed with the services'. A load average above the core count at start "
				+ "means other work was running: figures from such a run are lower bounds, not the machine's limits.\n\n");
	}

	private static void settings(StringBuilder md, Results.Conditions c) {
		md.append("## ").append(SECTIONS.get(2)).append("\n\n");
		if (c.settings().isEmpty()) {
			md.append("None: the platform ran with its own settings.\n\n");
			return;
		}
		md.append("Given to every service through `LOCAL_STACK_PROPERTIES`, on top of the local stack's own. They take "
				+ "out waits that are there by design, so the figures show processing, not policy:\n\n");
		md.append("| property | value |\n|---|---|\n");
		c.settings().forEach((name, value) -> md.append("| `").append(name).append("` | `").append(value).append("` |\n"));
		md.append("\n- `notifications.collapse-window`: out for delivery would otherwise wait (20 s in the local stack, 2 min "
				+ "in production) for a newer status to replace it;\n"
				+ "- the `resilience4j.ratelimiter` limits: the provider accounts' send rates (10 SMS/s by default), which the "
				+ "simulators do not have;\n"
				+ "- `postpurchase.security.rate-limit.requests-per-minute`: every delivery status callback comes from the "
				+ "simulator's one address;\n"
				+ "- `tracking.exceptions.check-interval`: the exception checker runs often enough to be measured in a step;\n"
				+ "- any other, and any other value: asked for on the command line (`--set name=value`).\n"
				+ "Customers' time zones are chosen so that it is early afternoon for them: quiet hours hold no text back.\n\n");
	}

	private static void definitions(StringBuilder md, Results.Conditions c) {
		md.append("## ").append(SECTIONS.get(3)).append("\n\n");
		md.append("- **Offered load**: carrier scans per second sent on `tracking.inbound` (a Kafka producer, acks=all) "
				+ "or `POST /api/v1/tracking-events`; each parcel gets info received, in transit, out for delivery and "
				+ "delivered, its scans " + c.scanGap().toMillis() + " ms apart, parcels starting evenly, so every stage is "
				+ "in flight at once. *Sent* is scans over the time from the first sent to the last accepted.\n");
		md.append("- **Preparation**: a step's parcels are ordered and fulfilled by REST before its first scan; the step "
				+ "starts once tracking-service registered every shipment, notification-service decided every order "
				+ "confirmation of them and the platform is quiet (no consumer lag, empty outboxes, no "
				+ "message waiting), so that its figures are its scans' work, not its preparation's. ");
		md.append(c.warmUp().isZero()
				? "No warm-up ran (--warm-up 0s): the first phases include the platform's own warm-up (code compiled "
						+ "just in time, pools and caches filled).\n"
				: "Before the order phase and the steps, a warm-up prepared the same way offered scans at the lowest fixed "
						+ "rate (50/s without one) for " + c.warmUp().toSeconds() + " s and waited until their messages "
						+ "were decided, so that the steps measure the platform warm; its figures are not reported.\n");
		md.append("- **Fully processed**: a step's scans are fully processed at the first moment when all of these hold for "
				+ "the step's own parcels: tracking-service received every scan (`tracking_updates_received_total`) and "
				+ "published the four status changes of every parcel (`shipment.events`); notification-service published "
				+ "its final decision on every milestone message of every parcel — shipped (email), out for delivery "
				+ "(SMS), delivered (email) — sent to the provider stand-in, suppressed (other than deferred for quiet "
				+ "hours) or failed for good (`notification.events`); and cx-metrics-service's consumer of "
				+ "`shipment.events` committed past every delivery of the step (so `cx_shipments_delivered_total` and its "
				+ "KPIs include them). Checked every 0.5 s; work left over from an earlier step never counts.\n");
		md.append("- **Throughput**: the step's scans over the time from its first scan sent to fully processed. "
				+ "*Tracking, notifications, KPIs*: seconds from the first scan until each service's part was done.\n");
		md.append("- **Scan to SMS**: the Twilio simulator's receive time of a parcel's text minus the time its out for "
				+ "delivery scan was accepted (broker acknowledgement, or 202). **Scan to update**: tracking-service's "
				+ "ShipmentStatusChanged record time minus the same. Both on one machine clock (for a deployed "
				+ "platform, clocks may differ).\n");
		md.append("- **Order to email**: the SMTP capture's receive time of the first email to a customer (the order "
				+ "confirmation) minus the time order-service answered 201.\n");
		md.append("- **Per process**: CPU in cores (CPU seconds from the operating system over wall seconds for the JVMs "
				+ "the benchmark started; `process_cpu_usage` × `system_cpu_cores` otherwise), largest heap "
				+ "(`jvm_memory_used_bytes{area=\"heap\"}`), largest consumer lag "
				+ "(`kafka_consumer_fetch_manager_records_lag_max`), records consumed per second "
				+ "(`kafka_consumer_fetch_manager_records_consumed_total`), sampled every "
				+ c.sampleInterval().toSeconds() + " s (each sample is a scrape of every service's Prometheus endpoint, "
				+ "which costs the services CPU too).\n");
		md.append("- **Cost per scan, until quiet**: after a step is fully processed the benchmark waits until every "
				+ "service is quiet (no consumer lag, empty outboxes, no message waiting); from a sample just before "
				+ "the step's first scan to one then: CPU time from the operating system, MongoDB commands "
				+ "(`mongodb_driver_commands_seconds_count`) and Kafka records produced "
				+ "(`kafka_producer_record_send_total`), over the step's scans, per process; scans per second over "
				+ "that time is the step's second throughput figure (deferred work included; the idle platform's own "
				+ "ticks too, a small part).\n");
		md.append("- **Raw Kafka**: a plain producer (acks=all, idempotent, lz4, as the services') and consumer of the "
				+ "same records as the scans on the same broker, before the platform's steps, with the platform idle.\n");
		md.append("- **Cost growth**: copies of a real in-transit shipment are written to tracking-service's collection "
				+ "in bulk until the level is reached; the checker's cost (`tracking_checker_runs_seconds`, "
				+ "`tracking_checker_items_checked_total`) is taken over three runs with nothing due, then during a load "
				+ "step at the level.\n\n");
	}

	private static void raw(StringBuilder md, Results.Run run) {
		md.append("## ").append(SECTIONS.get(4)).append("\n\n");
		var probe = run.raw();
		if (probe == null) {
			md.append("Not measured (--raw-records 0).\n\n");
			return;
		}
		md.append("| records | bytes each | partitions | produced/s | produced and consumed/s | MB/s |\n"
				+ "|---|---|---|---|---|---|\n");
		md.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %s | %s | %.1f |%n%n", count(probe.records()),
				probe.recordBytes(), probe.partitions(), rate(probe.producedPerSecond()), rate(probe.perSecond()),
				probe.megabytesPerSecond()));
	}

	private static void steps(StringBuilder md, Results.Run run) {
		md.append("## ").append(SECTIONS.get(5)).append("\n\n");
		var steps = CsvFiles.allSteps(run);
		if (steps.isEmpty()) {
			md.append("No load step ran.\n\n");
			return;
		}
		md.append("| step | parcels | scans | offered/s | sent/s | fully processed/s | of raw Kafka | tracking s | "
				+ "notifications s | KPIs s | texts | scan→SMS p50 / p95 / p99 / max ms | scan→update p50 / p99 ms |\n");
		md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (var step : steps) {
			md.append("| ").append(step.name())
				.append(" | ").append(count(step.parcels()))
				.append(" | ").append(count(step.scans()))
				.append(" | ").append(step.isMax() ? "max" : rate(step.offeredRate()))
				.append(" | ").append(rate(step.sentRate()))
				.append(" | ").append(step.complete() ? rate(step.throughput()) : "incomplete")
				.append(" | ").append(step.complete() && run.raw() != null
						? String.format(Locale.ROOT, "%.1f%%", 100 * step.throughput() / run.raw().perSecond()) : "n/a")
				.append(" | ").append(seconds(step.trackingSeconds()))
				.append(" | ").append(seconds(step.notificationSeconds()))
				.append(" | ").append(seconds(step.kpiSeconds()))
				.append(" | ").append(step.textsReceived()).append(" of ").append(step.parcels())
				.append(" | ").append(percentiles(step.scanToText()))
				.append(" | ").append(ms(step.scanToUpdate().p50())).append(" / ").append(ms(step.scanToUpdate().p99()))
				.append(" |\n");
		}
		md.append('\n');
		md.append("Out-for-delivery messages: ").append(String.join("; ", steps.stream()
			.map(step -> step.name() + ": " + (step.textOutcomes().isEmpty() ? "none" : step.textOutcomes()))
			.toList())).append(".\n\n");
		steps.stream().filter(step -> !step.complete()).forEach(step -> md.append("Step ").append(step.name())
			.append(" incomplete: ").append(step.progress()).append(".\n\n"));
	}

	private static void usage(StringBuilder md, Results.Run run) {
		md.append("## ").append(SECTIONS.get(7)).append("\n\n");
		md.append("From each step's first scan until it was fully processed (or gave up).\n\n");
		md.append("| step | process | CPU cores mean | CPU cores max | heap max MB | consumer lag max | consumed/s |\n");
		md.append("|---|---|---|---|---|---|---|\n");
		for (var step : CsvFiles.allSteps(run)) {
			for (var use : step.usage()) {
				md.append("| ").append(step.name())
					.append(" | ").append(use.process())
					.append(" | ").append(decimal(use.cpuMean()))
					.append(" | ").append(decimal(use.cpuMax()))
					.append(" | ").append(Double.isNaN(use.heapMaxMegabytes()) ? "n/a" : String.format(Locale.ROOT, "%.0f",
							use.heapMaxMegabytes()))
					.append(" | ").append(Double.isNaN(use.lagMax()) ? "n/a" : count(Math.round(use.lagMax())))
					.append(" | ").append(Double.isNaN(use.consumedPerSecond()) ? "n/a" : rate(use.consumedPerSecond()))
					.append(" |\n");
			}
		}
		md.append('\n');
	}

	/**
	 * What each scan cost each process, from just before a step's first scan until the platform was
	 * quiet again: the throughput over that time too, and the sum over the platform's processes (the
	 * benchmark's own is listed apart).
	 */
	/** The least MongoDB commands per scan of one kind the report lists. */
	private static final double COMMANDS_SHOWN = 0.05;

	private static void costs(StringBuilder md, Results.Run run) {
		md.append("## ").append(SECTIONS.get(8)).append("\n\n");
		md.append("From just before each step's first scan until every service was quiet again (no consumer lag, "
				+ "empty outboxes, no message waiting), so the work consumers off the scans' path put off counts too; "
				+ "over the step's scans; n/a where a process has no such work. Counts of work (MongoDB commands, "
				+ "Kafka records) move much less between runs than rates do: compare versions of the code by them (a "
				+ "busier platform still takes bigger batches, and so needs fewer commands per scan, so compare "
				+ "steps of the same rate).\n\n");
		var measured = CsvFiles.allSteps(run).stream().filter(step -> !step.costs().isEmpty()).toList();
		if (measured.isEmpty()) {
			md.append("Not measured (no step finished and became quiet in time).\n\n");
			return;
		}
		md.append("| step | until quiet s | scans/s until quiet | process | CPU ms per scan | MongoDB commands per scan "
				+ "| Kafka records produced per scan |\n|---|---|---|---|---|---|---|\n");
		for (var step : measured) {
			var platform = step.costs().stream().filter(cost -> !cost.process().equals(Bench.BENCH_PROCESS)).toList();
			var rows = new ArrayList<>(step.costs());
			rows.add(new Results.Cost("all but the benchmark",
					platform.stream().mapToDouble(Results.Cost::cpuMillis).filter(v -> !Double.isNaN(v)).sum(),
					platform.stream().mapToDouble(Results.Cost::mongoCommands).filter(v -> !Double.isNaN(v)).sum(),
					platform.stream().mapToDouble(Results.Cost::recordsProduced).filter(v -> !Double.isNaN(v)).sum()));
			for (var cost : rows) {
				md.append("| ").append(step.name())
					.append(" | ").append(seconds(step.quietSeconds()))
					.append(" | ").append(rate(step.quietThroughput()))
					.append(" | ").append(cost.process())
					.append(" | ").append(decimal(cost.cpuMillis()))
					.append(" | ").append(decimal(cost.mongoCommands()))
					.append(" | ").append(decimal(cost.recordsProduced()))
					.append(" |\n");
			}
		}
		md.append('\n');
		commands(md, measured);
	}

	/**
	 * Where the MongoDB commands of the busiest fixed-rate step went, by service, command and
	 * collection: what to batch or cache next.
	 */
	private static void commands(StringBuilder md, List<Results.Step> measured) {
		var busiest = measured.stream().filter(step -> !step.isMax())
			.max(Comparator.comparingDouble(Results.Step::offeredRate));
		if (busiest.isEmpty() || busiest.get().costs().stream().allMatch(cost -> cost.mongoByCommand().isEmpty())) {
			return;
		}
		var step = busiest.get();
		md.append("Where the MongoDB commands of step ").append(step.name())
			.append(" went, those of at least ").append(decimal(COMMANDS_SHOWN))
			.append(" per scan (all of every step in mongo-commands.csv):\n\n");
		md.append("| process | command | collection | per scan |\n|---|---|---|---|\n");
		for (var cost : step.costs()) {
			cost.mongoByCommand().forEach((kind, perScan) -> {
				if (perScan >= COMMANDS_SHOWN) {
					var split = kind.split(" ", 2);
					md.append("| ").append(cost.process())
						.append(" | ").append(split[0])
						.append(" | ").append(split.length > 1 ? split[1] : "")
						.append(" | ").append(decimal(perScan))
						.append(" |\n");
				}
			});
		}
		md.append('\n');
	}

	private static void orders(StringBuilder md, Results.Run run) {
		md.append("## ").append(SECTIONS.get(9)).append("\n\n");
		var phase = run.orders();
		if (phase == null) {
			md.append("Not measured (no order phase).\n\n");
			return;
		}
		md.append("Orders placed by REST at a fixed rate before the load steps; the order-service rate while preparing "
				+ "each step's parcels (as fast as " + "it takes them) is in steps.csv.\n\n");
		md.append("| orders | offered/s | accepted/s | emails | order→email p50 / p95 / p99 / max ms |\n|---|---|---|---|---|\n");
		md.append("| ").append(count(phase.orders()))
			.append(" | ").append(rate(phase.offeredRate()))
			.append(" | ").append(rate(phase.acceptedRate()))
			.append(" | ").append(phase.emailsMatched()).append(" of ").append(phase.orders())
			.append(" | ").append(percentiles(phase.orderToEmail()))
			.append(" |\n\n");
	}

	private static void scale(StringBuilder md, Results.Run run) {
		md.append("## ").append(SECTIONS.get(10)).append("\n\n");
		if (run.scale().isEmpty()) {
			md.append("Not measured in this run.\n\n");
			return;
		}
		md.append("| active shipments | seeded (s) | checker idle: runs, mean / max ms, items per run | checker under load: "
				+ "runs, mean ms, items per run | fully processed/s | scan→SMS p99 ms |\n|---|---|---|---|---|---|\n");
		for (var level : run.scale()) {
			md.append("| ").append(count(level.activeShipments()))
				.append(" | ").append(count(level.seeded())).append(" (").append(seconds(level.seedSeconds())).append(")")
				.append(" | ").append(level.idle().runs()).append(", ").append(ms(level.idle().meanSeconds() * 1000))
				.append(" / ").append(ms(level.idle().maxSeconds() * 1000)).append(", ").append(decimal(level.idle().itemsPerRun()))
				.append(" | ").append(level.underLoad().runs()).append(", ").append(ms(level.underLoad().meanSeconds() * 1000))
				.append(", ").append(decimal(level.underLoad().itemsPerRun()))
				.append(" | ").append(level.step().complete() ? rate(level.step().throughput()) : "incomplete")
				.append(" | ").append(ms(level.step().scanToText().p99()))
				.append(" |\n");
		}
		md.append('\n');
	}

	private static void row(StringBuilder md, String name, String value) {
		md.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
	}

	static String percentiles(Latencies latencies) {
		if (!latencies.measured()) {
			return "n/a";
		}
		return ms(latencies.p50()) + " / " + ms(latencies.p95()) + " / " + ms(latencies.p99()) + " / " + ms(latencies.max());
	}

	static String ms(double millis) {
		if (Double.isNaN(millis)) {
			return "n/a";
		}
		return millis < 10 ? String.format(Locale.ROOT, "%.1f", millis) : String.format(Locale.ROOT, "%,.0f", millis);
	}

	static String rate(double perSecond) {
		return Double.isNaN(perSecond) ? "n/a" : String.format(Locale.ROOT, "%,.0f", perSecond);
	}

	static String count(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	static String seconds(double seconds) {
		return Double.isNaN(seconds) ? "n/a" : String.format(Locale.ROOT, "%.1f", seconds);
	}

	static String decimal(double value) {
		return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
	}

	/** The chart's points: each load step's offered rate (its sent rate for the max step) and its scan to SMS latency. */
	public static List<LatencyChart.Point> chartPoints(Results.Run run) {
		var points = new ArrayList<LatencyChart.Point>();
		for (var step : run.steps()) {
			points.add(new LatencyChart.Point(step.isMax() ? step.sentRate() : step.offeredRate(), step.name(),
					step.scanToText()));
		}
		return points;
	}
}
