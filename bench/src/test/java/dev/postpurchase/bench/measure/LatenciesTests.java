package dev.postpurchase.bench.measure;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTests {

	@Test
	void takesNearestRankPercentilesOfWhatWasMeasured() {
		var latencies = Latencies.of(IntStream.rangeClosed(1, 200).mapToDouble(i -> 201 - i).toArray());

		assertThat(latencies.count()).isEqualTo(200);
		assertThat(latencies.p50()).isEqualTo(100);
		assertThat(latencies.p95()).isEqualTo(190);
		assertThat(latencies.p99()).isEqualTo(198);
		assertThat(latencies.max()).isEqualTo(200);
	}

	@Test
	void saysNothingWasMeasuredRatherThanZero() {
		assertThat(Latencies.of(new double[0]).measured()).isFalse();
		assertThat(Latencies.of(new double[0]).p99()).isNaN();
		assertThat(Latencies.of(new double[] { 7 }).p50()).isEqualTo(7);
	}
}
