package dev.postpurchase.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.postpurchase.localstack.RunningStack;

/**
 * A second instance of a service's consumers joining mid-stream and leaving again (a scale-out and a
 * scale-in): its partitions move twice, records in flight are handed over, and every effect still
 * happens once. The stream is paced slower than the others so that it still flows when the new JVM
 * has started. CI scales out the two services on the hot path together; the long run each of the five
 * on its own.
 */
@ExtendWith(ReliabilityStack.class)
@Order(4)
class RebalanceTests {

	static List<String> alone() {
		return ReliabilityStack.LONG ? ServiceCrashTests.SERVICES : List.of();
	}

	@Test
	void secondInstancesOfTheHotPathJoinAndLeaveMidStream(Platform platform, Report report) throws Exception {
		var services = List.of("tracking-service", "notification-service");
		var name = "a second " + String.join(" and ", services) + " join and leave";
		var plans = Streams.plan(name, Streams.Shape.of(Lengths.orders() * 2, 25, 30));
		new Scenario(name, platform, report, plans).pace(Duration.ofMillis(2500), Duration.ofSeconds(1)).run((traffic, window) -> {
			window.begin();
			var seconds = services.stream()
				.map(service -> CompletableFuture.supplyAsync(() -> platform.stack().startInstance(service)))
				.toList()
				.stream()
				.map(CompletableFuture::join)
				.toList();
			try {
				report.tell("second instances up with " + traffic.sent() + " events sent");
				traffic.awaitPlaced(plans.size());
			}
			finally {
				seconds.forEach(RunningStack.Instance::close);
			}
			report.tell("second instances left with " + traffic.sent() + " events sent");
			window.end();
		});
	}

	@ParameterizedTest(name = "a second {0} joins and leaves mid-stream", allowZeroInvocations = true)
	@MethodSource("alone")
	void secondInstanceJoinsAndLeavesMidStream(String service, Platform platform, Report report) throws Exception {
		var name = "a second " + service + " joins and leaves";
		var plans = Streams.plan(name, Streams.Shape.of(Lengths.orders() * 2, 25, 30));
		new Scenario(name, platform, report, plans).pace(Duration.ofMillis(2500), Duration.ofSeconds(1)).run((traffic, window) -> {
			window.begin();
			try (var second = platform.stack().startInstance(service)) {
				report.tell(service + " has a second instance at " + second.url() + " with " + traffic.sent() + " events sent");
				traffic.awaitPlaced(plans.size());
			}
			report.tell("the second " + service + " left with " + traffic.sent() + " events sent");
			window.end();
		});
	}

}
