package dev.postpurchase.bench;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.postpurchase.bench.measure.Sampler;
import dev.postpurchase.bench.report.Results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

class UsagesTests {

	@Test
	void cpuFromTheOperatingSystemsCpuTimeWhenKnown() {
		var samples = List.of(new Sampler.Sample(0, "tracking-service", 0.1, 10.0, 100e6, 0, 1000, 0, 0),
				new Sampler.Sample(1_000_000, "tracking-service", 0.2, 10.5, 300e6, 40, 1500, 0, 0),
				new Sampler.Sample(2_000_000, "tracking-service", 0.3, 11.5, 200e6, 5, 2000, 0, 0));

		var usage = Usages.usage("tracking-service", samples);

		assertThat(usage.cpuMean()).isCloseTo(0.75, within(1e-9));
		assertThat(usage.cpuMax()).isCloseTo(1.0, within(1e-9));
		assertThat(usage.heapMaxMegabytes()).isCloseTo(300e6 / 1024 / 1024, within(1e-9));
		assertThat(usage.lagMax()).isEqualTo(40);
		assertThat(usage.consumedPerSecond()).isCloseTo(500, within(1e-9));
	}

	@Test
	void cpuAsTheServiceReportsItOtherwise() {
		var samples = List.of(new Sampler.Sample(0, "order-service", 0.2, Double.NaN, 100e6, Double.NaN, 0, 0, 0),
				new Sampler.Sample(1_000_000, "order-service", 0.6, Double.NaN, 100e6, Double.NaN, 0, 0, 0));

		var usage = Usages.usage("order-service", samples);

		assertThat(usage.cpuMean()).isCloseTo(0.4, within(1e-9));
		assertThat(usage.cpuMax()).isCloseTo(0.6, within(1e-9));
		assertThat(usage.lagMax()).isNaN();
	}

	@Test
	void costPerScanFromTheSamplesBeforeAndAfter() {
		var before = List.of(new Sampler.Sample(0, "tracking-service", 0.1, 10.0, 100e6, 0, 1000, 400, 50,
				Map.of("update shipments", 300.0, "find leases", 100.0)),
				new Sampler.Sample(0, "local-stack", Double.NaN, 20.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
						Double.NaN));
		var after = List.of(new Sampler.Sample(9, "tracking-service", 0.3, 11.5, 200e6, 5, 2000, 1400, 650,
				Map.of("find leases", 200.0, "update shipments", 1200.0, "insert shipments", 0.1)),
				new Sampler.Sample(9, "local-stack", Double.NaN, 23.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
						Double.NaN),
				new Sampler.Sample(9, "customer-pages", 0.1, 1.0, 1e6, 0, 0, 0, 0));

		var costs = Usages.costs(before, after, 200);

		// customer-pages was not sampled before: no cost for it
		assertThat(costs).extracting(Results.Cost::process).containsExactly("tracking-service", "local-stack");
		assertThat(costs.get(0).cpuMillis()).isCloseTo(7.5, within(1e-9));
		assertThat(costs.get(0).mongoCommands()).isCloseTo(5, within(1e-9));
		assertThat(costs.get(0).recordsProduced()).isCloseTo(3, within(1e-9));
		// by command and collection, largest first; what grew by under one per thousand scans left out
		assertThat(costs.get(0).mongoByCommand()).containsExactly(entry("update shipments", 4.5), entry("find leases", 0.5));
		assertThat(costs.get(1).cpuMillis()).isCloseTo(15, within(1e-9));
		assertThat(costs.get(1).mongoCommands()).isNaN();
	}
}
