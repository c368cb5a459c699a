package dev.postpurchase.reliability;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared infrastructure gone for a while mid-stream: the Kafka broker shut down and started again
 * (same port, same data), MongoDB unavailable and back (the local stack's durable file: its data
 * survive). Nothing the platform had accepted is lost; the outbox publishes what waited, consumers
 * pick up where they were, and nothing goes to a dead-letter topic for want of the infrastructure.
 */
@ExtendWith(ReliabilityStack.class)
@Order(3)
class InfrastructureOutageTests {

	@Test
	void brokerStoppedAndRestartedMidStream(Platform platform, Report report) throws Exception {
		var name = "Kafka broker down " + Lengths.brokerOutage().toSeconds() + " s";
		var plans = Streams.plan(name, Streams.Shape.of(Lengths.orders(), 25, 30));
		new Scenario(name, platform, report, plans).run((traffic, window) -> {
			traffic.awaitPlaced(plans.size() / 3);
			window.begin();
			platform.stack().stopKafka();
			Lengths.hold(Lengths.brokerOutage());
			platform.stack().startKafka();
			window.end();
		});
	}

	@Test
	void mongoUnavailableMidStream(Platform platform, Report report) throws Exception {
		var name = "MongoDB down " + Lengths.mongoOutage().toSeconds() + " s";
		var plans = Streams.plan(name, Streams.Shape.of(Lengths.orders(), 25, 30));
		new Scenario(name, platform, report, plans).run((traffic, window) -> {
			traffic.awaitPlaced(plans.size() / 3);
			window.begin();
			platform.stack().stopMongo();
			Lengths.hold(Lengths.mongoOutage());
			platform.stack().startMongo();
			window.end();
		});
	}

}
