package dev.postpurchase.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.postpurchase.bench.measure.Latencies;

/**
 * The run's figures as CSV files, one table each, for spreadsheets and plots: {@code steps.csv},
 * {@code usage.csv}, {@code costs.csv}, {@code mongo-commands.csv}, {@code samples.csv}, {@code scale.csv}, {@code raw-kafka.csv} and {@code orders.csv}.
 * Numbers in plain decimal notation, empty where nothing was measured.
 */
public final class CsvFiles {

	public static final List<String> NAMES = List.of("steps.csv", "usage.csv", "costs.csv", "mongo-commands.csv",
			"samples.csv", "scale.csv", "raw-kafka.csv", "orders.csv");

	private CsvFiles() {
	}

	public static void write(Results.Run run, Path directory) {
		var steps = new ArrayList<String>();
		steps.add("step,offered_per_s,sent_per_s,parcels,scans,complete,throughput_per_s,tracking_s,notifications_s,"
				+ "kpis_s,texts,text_p50_ms,text_p95_ms,text_p99_ms,text_max_ms,update_p50_ms,update_p95_ms,update_p99_ms,"
				+ "update_max_ms,preparation_orders_per_s,text_outcomes,quiet_s,quiet_throughput_per_s");
		var usage = new ArrayList<String>();
		usage.add("step,process,cpu_cores_mean,cpu_cores_max,heap_max_mb,consumer_lag_max,consumed_per_s");
		var costs = new ArrayList<String>();
		costs.add("step,process,cpu_ms_per_scan,mongo_commands_per_scan,records_produced_per_scan");
		var commands = new ArrayList<String>();
		commands.add("step,process,command,collection,per_scan");
		for (var step : allSteps(run)) {
			steps.add(String.join(",", step.name(), n(step.offeredRate()), n(step.sentRate()), n(step.parcels()),
					n(step.scans()), String.valueOf(step.complete()), n(step.throughput()), n(step.trackingSeconds()),
					n(step.notificationSeconds()), n(step.kpiSeconds()), n(step.textsReceived()), latencies(step.scanToText()),
					latencies(step.scanToUpdate()), n(step.preparationOrdersPerSecond()), "\"" + step.textOutcomes() + "\"",
					n(step.quietSeconds()), n(step.quietThroughput())));
			for (var cost : step.costs()) {
				costs.add(String.join(",", step.name(), cost.process(), n(cost.cpuMillis()), n(cost.mongoCommands()),
						n(cost.recordsProduced())));
				cost.mongoByCommand().forEach((kind, perScan) -> commands
					.add(String.join(",", step.name(), cost.process(), kind.replace(' ', ','), n(perScan))));
			}
			for (var use : step.usage()) {
				usage.add(String.join(",", step.name(), use.process(), n(use.cpuMean()), n(use.cpuMax()),
						n(use.heapMaxMegabytes()), n(use.lagMax()), n(use.consumedPerSecond())));
			}
		}
		var samples = new ArrayList<String>();
		samples.add("time,process,cpu_cores,cpu_seconds,heap_bytes,consumer_lag_max,consumed_total,mongo_commands_total,"
				+ "produced_total");
		for (var sample : run.samples()) {
			samples.add(String.join(",", Instant.ofEpochSecond(sample.micros() / 1_000_000, sample.micros() % 1_000_000 * 1000)
				.toString(), sample.process(), n(sample.cpuCores()), n(sample.cpuSeconds()), n(sample.heapBytes()),
					n(sample.lagMax()), n(sample.consumed()), n(sample.mongoCommands()), n(sample.produced())));
		}
		var scale = new ArrayList<String>();
		scale.add("active_shipments,seeded,seed_s,idle_runs,idle_mean_ms,idle_max_ms,idle_items_per_run,load_runs,"
				+ "load_mean_ms,load_items_per_run,throughput_per_s,text_p99_ms");
		for (var level : run.scale()) {
			scale.add(String.join(",", n(level.activeShipments()), n(level.seeded()), n(level.seedSeconds()),
					n(level.idle().runs()), n(level.idle().meanSeconds() * 1000), n(level.idle().maxSeconds() * 1000),
					n(level.idle().itemsPerRun()), n(level.underLoad().runs()), n(level.underLoad().meanSeconds() * 1000),
					n(level.underLoad().itemsPerRun()), n(level.step().throughput()), n(level.step().scanToText().p99())));
		}
		var raw = new ArrayList<String>();
		raw.add("records,record_bytes,partitions,produce_s,end_to_end_s,records_per_s,megabytes_per_s");
		if (run.raw() != null) {
			var probe = run.raw();
			raw.add(String.join(",", n(probe.records()), n(probe.recordBytes()), n(probe.partitions()),
					n(probe.produceSeconds()), n(probe.endToEndSeconds()), n(probe.perSecond()), n(probe.megabytesPerSecond())));
		}
		var orders = new ArrayList<String>();
		orders.add("orders,offered_per_s,accepted_per_s,emails,email_p50_ms,email_p95_ms,email_p99_ms,email_max_ms");
		if (run.orders() != null) {
			var phase = run.orders();
			orders.add(String.join(",", n(phase.orders()), n(phase.offeredRate()), n(phase.acceptedRate()),
					n(phase.emailsMatched()), latencies(phase.orderToEmail())));
		}
		write(directory.resolve("steps.csv"), steps);
		write(directory.resolve("usage.csv"), usage);
		write(directory.resolve("costs.csv"), costs);
		write(directory.resolve("mongo-commands.csv"), commands);
		write(directory.resolve("samples.csv"), samples);
		write(directory.resolve("scale.csv"), scale);
		write(directory.resolve("raw-kafka.csv"), raw);
		write(directory.resolve("orders.csv"), orders);
	}

	/** The load steps, then the steps of the cost-growth levels. */
	static List<Results.Step> allSteps(Results.Run run) {
		var steps = new ArrayList<>(run.steps());
		run.scale().forEach(level -> steps.add(level.step()));
		return steps;
	}

	private static String latencies(Latencies latencies) {
		return String.join(",", n(latencies.p50()), n(latencies.p95()), n(latencies.p99()), n(latencies.max()));
	}

	static String n(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "";
		}
		if (value == Math.rint(value) && Math.abs(value) < 1e15) {
			return String.valueOf((long) value);
		}
		return String.format(Locale.ROOT, "%.3f", value);
	}

	private static void write(Path file, List<String> lines) {
		try {
			Files.write(file, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}
}
