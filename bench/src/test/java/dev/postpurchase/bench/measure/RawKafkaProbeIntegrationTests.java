package dev.postpurchase.bench.measure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

class RawKafkaProbeIntegrationTests {

	@Test
	void producesAndConsumesEveryRecordOnTheBrokerAndSaysHowFast() {
		var payload = "{\"carrier\":\"PostNL\",\"trackingNumber\":\"BENCH1\",\"status\":\"InTransit\"}"
			.getBytes(StandardCharsets.UTF_8);

		var result = RawKafkaProbe.run(TestInfrastructure.kafkaBootstrapServers(), "bench.raw-probe.test", 3, 3_000,
				i -> payload, i -> "BENCH" + i, Duration.ofMinutes(2));

		assertThat(result.records()).isEqualTo(3_000);
		assertThat(result.recordBytes()).isEqualTo(payload.length);
		assertThat(result.partitions()).isEqualTo(3);
		assertThat(result.endToEndSeconds()).isPositive().isGreaterThanOrEqualTo(result.produceSeconds());
		assertThat(result.perSecond()).isPositive();
	}
}
