package dev.postpurchase.bench.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.postpurchase.bench.measure.Latencies;
import dev.postpurchase.bench.measure.RawKafkaProbe;
import dev.postpurchase.bench.measure.Sampler;

/** What a run measured, as the report and the CSV files show it. */
public final class Results {

	private Results() {
	}

	/**
	 * Under which conditions the run measured: the machine, the code, the platform and its settings.
	 *
	 * @param settings the settings the benchmark gave the platform (none for a deployed one)
	 * @param warmUp how long the warm-up offered its load before the measured phases (zero: none)
	 */
	public record Conditions(Instant started, String profile, String commandLine, String platform, int cores,
			String cpuModel, String memory, String os, String jvm, String kafkaClient, String commit,
			String loadAverageStart, Map<String, String> settings, String scansVia, int scansPerShipment,
			Duration scanGap, Duration sampleInterval, Duration warmUp) {

	}

	/**
	 * One process's use of the machine during a step.
	 *
	 * @param cpuMean cores in use on average (CPU seconds over wall seconds)
	 * @param cpuMax the most cores in use between two samples
	 * @param heapMaxMegabytes the largest heap in use sampled (NaN when it has no metrics)
	 * @param lagMax the largest consumer lag sampled
	 * @param consumedPerSecond records its consumers read per second
	 */
	public record Usage(String process, double cpuMean, double cpuMax, double heapMaxMegabytes, double lagMax,
			double consumedPerSecond) {

	}

	/**
	 * What one process spent per scan of a step, from just before its first scan until the platform was
	 * quiet again, so that work a lagging consumer put off counts too. Counts of work move much less
	 * between runs than rates do (at the same offered rate: bigger batches need fewer commands per scan).
	 *
	 * @param cpuMillis CPU time per scan, milliseconds
	 * @param mongoCommands commands its MongoDB driver sent per scan (NaN without metrics)
	 * @param recordsProduced Kafka records it produced per scan (NaN without metrics)
	 * @param mongoByCommand {@code mongoCommands} by command and collection ({@code "update notifications"}),
	 *     largest first, those of at least one per thousand scans
	 */
	public record Cost(String process, double cpuMillis, double mongoCommands, double recordsProduced,
			Map<String, Double> mongoByCommand) {

		public Cost(String process, double cpuMillis, double mongoCommands, double recordsProduced) {
			this(process, cpuMillis, mongoCommands, recordsProduced, Map.of());
		}

	}

	/**
	 * One load step: a fixed offered rate or as fast as possible.
	 *
	 * @param offeredRate scans per second asked; NaN for the max step
	 * @param sentRate scans per second actually offered (first sent to last accepted)
	 * @param complete whether every scan was fully processed within the drain timeout
	 * @param throughput scans fully processed per second (first sent to last fully processed); NaN when incomplete
	 * @param trackingSeconds from the first scan sent until tracking-service had applied them all
	 * @param notificationSeconds ... until notification-service had decided every milestone message
	 * @param kpiSeconds ... until cx-metrics-service had counted every delivery
	 * @param scanToText scan accepted to its SMS received by the Twilio stand-in
	 * @param scanToUpdate scan accepted to tracking-service's ShipmentStatusChanged published
	 * @param textsReceived texts matched to the step's parcels (one is due per parcel)
	 * @param textOutcomes what notification-service decided on the out-for-delivery messages, e.g. {@code sms sent 500}
	 * @param progress when incomplete: what had been done when the step gave up
	 * @param quietSeconds from the first scan sent until every service was quiet again (no consumer lag,
	 *     empty outboxes, no message waiting); NaN when it was not in time
	 * @param costs each process's cost per scan, until quiet (empty when not measured)
	 */
	public record Step(String name, double offeredRate, long parcels, long scans, double sentRate, double sendSeconds,
			boolean complete, double throughput, double trackingSeconds, double notificationSeconds, double kpiSeconds,
			Latencies scanToText, Latencies scanToUpdate, long textsReceived, String textOutcomes, List<Usage> usage,
			String progress,
			double preparationOrdersPerSecond, double quietSeconds, List<Cost> costs) {

		public boolean isMax() {
			return Double.isNaN(this.offeredRate);
		}

		/** Scans per second from the first sent until every service was quiet again. */
		public double quietThroughput() {
			return this.complete && this.quietSeconds > 0 ? this.scans / this.quietSeconds : Double.NaN;
		}
	}

	/** The order phase: orders at a fixed rate, and how long their confirmation emails took. */
	public record OrderPhase(long orders, double offeredRate, double acceptedRate, Latencies orderToEmail,
			long emailsMatched) {

	}

	/**
	 * The exception checker's cost over some of its runs.
	 *
	 * @param runs runs counted
	 * @param meanSeconds mean run time
	 * @param maxSeconds the longest run seen by the end (Micrometer's recent maximum)
	 * @param itemsPerRun due shipments read per run
	 */
	public record CheckerCost(long runs, double meanSeconds, double maxSeconds, double itemsPerRun) {

		public static final CheckerCost NONE = new CheckerCost(0, Double.NaN, Double.NaN, Double.NaN);
	}

	/** One cost-growth level: this many active shipments, the checker idle and under load, and a load step. */
	public record Scale(long activeShipments, long seeded, double seedSeconds, CheckerCost idle, CheckerCost underLoad,
			Step step) {

	}

	/** The whole run. */
	public record Run(Conditions conditions, RawKafkaProbe.Result raw, OrderPhase orders, List<Step> steps,
			List<Scale> scale, List<Sampler.Sample> samples, List<String> notes, String loadAverageEnd, Instant finished) {

	}
}
