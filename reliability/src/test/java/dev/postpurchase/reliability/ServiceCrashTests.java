package dev.postpurchase.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service killed abruptly (SIGKILL: no graceful shutdown, nothing flushed) while orders and scans
 * stream in, and started again with the same command: what it had taken but not finished is done
 * after the restart, once. CI kills the five in turn during one stream, a few seconds apart (their
 * restarts overlap); the long run gives each its own stream.
 */
@ExtendWith(ReliabilityStack.class)
@Order(2)
class ServiceCrashTests {

	static final List<String> SERVICES = List.of("order-service", "tracking-service", "notification-service",
			"returns-service", "cx-metrics-service");

	static List<String> alone() {
		return ReliabilityStack.LONG ? SERVICES : List.of();
	}

	@Test
	void everyServiceKilledInTurnDuringOneStream(Platform platform, Report report) throws Exception {
		var name = "each service killed in turn mid-stream";
		var plans = Streams.plan(name, Streams.Shape.of(Lengths.orders() * 3 / 2, 25, 30));
		new Scenario(name, platform, report, plans).pace(Duration.ofMillis(1500), Duration.ofMillis(900))
			.killsNotificationService()
			.run((traffic, window) -> {
				var restarts = new ArrayList<CompletableFuture<Void>>();
				try {
					for (int i = 0; i < SERVICES.size(); i++) {
						var service = SERVICES.get(i);
						traffic.awaitPlaced((i + 1) * plans.size() / (SERVICES.size() + 2));
						if (i == 0) {
							window.begin();
						}
						platform.stack().kill(service);
						report.tell(service + " killed with " + traffic.sent() + " events sent");
						restarts.add(CompletableFuture.runAsync(() -> platform.stack().restart(service)));
					}
				}
				finally {
					// whatever happened, no restart is left running behind the next scenario's back
					CompletableFuture.allOf(restarts.toArray(CompletableFuture[]::new)).join();
				}
				window.end();
			});
	}

	@ParameterizedTest(name = "{0} killed and restarted mid-stream", allowZeroInvocations = true)
	@MethodSource("alone")
	void killedMidStreamAndRestarted(String service, Platform platform, Report report) throws Exception {
		var name = service + " killed mid-stream";
		var plans = Streams.plan(name, Streams.Shape.of(Lengths.orders(), 25, 30));
		var scenario = new Scenario(name, platform, report, plans);
		if (service.equals("notification-service")) {
			scenario.killsNotificationService();
		}
		scenario.run((traffic, window) -> {
			traffic.awaitPlaced(plans.size() / 3);
			window.begin();
			platform.stack().kill(service);
			platform.stack().restart(service);
			window.end();
		});
	}

}
