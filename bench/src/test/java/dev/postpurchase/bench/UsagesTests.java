package dev.postpurchase.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postpurchase.bench.measure.Sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class UsagesTests {

	@Test
	void cpuFromTheOperatingSystemsCpuTimeWhenKnown() {
		var samples = List.of(new Sampler.Sample(0, "tracking-service", 0.1, 10.0, 100e6, 0, 1000),
				new Sampler.Sample(1_000_000, "tracking-service", 0.2, 10.5, 300e6, 40, 1500),
				new Sampler.Sample(2_000_000, "tracking-service", 0.3, 11.5, 200e6, 5, 2000));

		var usage = Usages.usage("tracking-service", samples);

		assertThat(usage.cpuMean()).isCloseTo(0.75, within(1e-9));
		assertThat(usage.cpuMax()).isCloseTo(1.0, within(1e-9));
		assertThat(usage.heapMaxMegabytes()).isCloseTo(300e6 / 1024 / 1024, within(1e-9));
		assertThat(usage.lagMax()).isEqualTo(40);
		assertThat(usage.consumedPerSecond()).isCloseTo(500, within(1e-9));
	}

	@Test
	void cpuAsTheServiceReportsItOtherwise() {
		var samples = List.of(new Sampler.Sample(0, "order-service", 0.2, Double.NaN, 100e6, Double.NaN, 0),
				new Sampler.Sample(1_000_000, "order-service", 0.6, Double.NaN, 100e6, Double.NaN, 0));

		var usage = Usages.usage("order-service", samples);

		assertThat(usage.cpuMean()).isCloseTo(0.4, within(1e-9));
		assertThat(usage.cpuMax()).isCloseTo(0.6, within(1e-9));
		assertThat(usage.lagMax()).isNaN();
	}
}
