package dev.postpurchase.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.postpurchase.bench.measure.Sampler;
import dev.postpurchase.bench.report.Results;

/** Each process's use of the machine over a time window, from the samples taken in it. */
final class Usages {

	private Usages() {
	}

	static List<Results.Usage> between(Sampler sampler, long fromMicros, long toMicros) {
		var usages = new ArrayList<Results.Usage>();
		var window = sampler.between(fromMicros, toMicros);
		for (var process : sampler.processNames()) {
			var samples = window.stream().filter(sample -> sample.process().equals(process)).toList();
			if (samples.isEmpty()) {
				continue;
			}
			usages.add(usage(process, samples));
		}
		return usages;
	}

	static Results.Usage usage(String process, List<Sampler.Sample> samples) {
		var first = samples.get(0);
		var last = samples.get(samples.size() - 1);
		double seconds = (last.micros() - first.micros()) / 1e6;
		double cpuMean;
		double cpuMax = Double.NaN;
		if (!Double.isNaN(first.cpuSeconds()) && !Double.isNaN(last.cpuSeconds()) && seconds > 0) {
			// the operating system's CPU time: exact between any two samples
			cpuMean = (last.cpuSeconds() - first.cpuSeconds()) / seconds;
			for (int i = 1; i < samples.size(); i++) {
				double interval = (samples.get(i).micros() - samples.get(i - 1).micros()) / 1e6;
				if (interval > 0.2) {
					cpuMax = max(cpuMax, (samples.get(i).cpuSeconds() - samples.get(i - 1).cpuSeconds()) / interval);
				}
			}
		}
		else {
			cpuMean = samples.stream().mapToDouble(Sampler.Sample::cpuCores).filter(v -> !Double.isNaN(v)).average()
				.orElse(Double.NaN);
			cpuMax = samples.stream().mapToDouble(Sampler.Sample::cpuCores).filter(v -> !Double.isNaN(v)).max()
				.orElse(Double.NaN);
		}
		double heapMax = samples.stream().mapToDouble(Sampler.Sample::heapBytes).filter(v -> !Double.isNaN(v)).max()
			.orElse(Double.NaN) / (1024 * 1024);
		double lagMax = samples.stream().mapToDouble(Sampler.Sample::lagMax).filter(v -> !Double.isNaN(v)).max()
			.orElse(Double.NaN);
		double consumed = seconds > 0 && !Double.isNaN(first.consumed()) && !Double.isNaN(last.consumed())
				? (last.consumed() - first.consumed()) / seconds : Double.NaN;
		return new Results.Usage(process, cpuMean, cpuMax, heapMax, lagMax, consumed);
	}

	/**
	 * Each process's cost per scan between two samplings (before a step's first scan, and when the
	 * platform was quiet again after it): CPU milliseconds, MongoDB commands and Kafka records produced
	 * over {@code scans}. Processes sampled only once are left out.
	 */
	static List<Results.Cost> costs(List<Sampler.Sample> before, List<Sampler.Sample> after, long scans) {
		var costs = new ArrayList<Results.Cost>();
		for (var end : after) {
			var start = before.stream().filter(sample -> sample.process().equals(end.process())).findFirst();
			if (start.isEmpty() || scans <= 0) {
				continue;
			}
			var from = start.get();
			costs.add(new Results.Cost(end.process(), (end.cpuSeconds() - from.cpuSeconds()) * 1000 / scans,
					(end.mongoCommands() - from.mongoCommands()) / scans, (end.produced() - from.produced()) / scans,
					perScan(from.mongoByCommand(), end.mongoByCommand(), scans)));
		}
		return costs;
	}

	/** Counters' growth per scan, largest first, leaving out those under one per thousand scans. */
	private static Map<String, Double> perScan(Map<String, Double> before, Map<String, Double> after, long scans) {
		var grown = new LinkedHashMap<String, Double>();
		after.entrySet().stream()
			.map(counter -> Map.entry(counter.getKey(), (counter.getValue() - before.getOrDefault(counter.getKey(), 0.0)) / scans))
			.filter(counter -> counter.getValue() >= 0.001)
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.forEach(counter -> grown.put(counter.getKey(), counter.getValue()));
		return grown;
	}

	private static double max(double a, double b) {
		return Double.isNaN(a) ? b : Math.max(a, b);
	}
}
