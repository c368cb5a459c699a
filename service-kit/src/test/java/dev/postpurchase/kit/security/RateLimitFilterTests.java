package dev.postpurchase.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class RateLimitFilterTests {

	private static final long SECOND = 1_000_000_000L;

	private final RateLimitFilter filter = new RateLimitFilter(new RateLimitSettings(List.of("/webhooks/**"), 60, 2),
			new SimpleMeterRegistry());

	@Test
	void grantsTheBurstThenOnePerSecondPerCaller() {
		for (int i = 0; i < 60; i++) {
			assertThat(filter.take("10.0.0.1", 0)).isZero();
		}
		assertThat(filter.take("10.0.0.1", 0)).isEqualTo(SECOND);
		assertThat(filter.take("10.0.0.2", 0)).as("another caller has its own bucket").isZero();
		assertThat(filter.take("10.0.0.1", SECOND)).isZero();
		assertThat(filter.take("10.0.0.1", SECOND)).isPositive();
	}

	@Test
	void forgetsTheLeastRecentCallersBeyondTheLimit() {
		for (int i = 0; i < 60; i++) {
			filter.take("10.0.0.1", 0);
		}
		filter.take("10.0.0.2", 0);
		filter.take("10.0.0.3", 0);
		assertThat(filter.take("10.0.0.1", 0)).as("forgotten, so a full bucket again").isZero();
	}

}
