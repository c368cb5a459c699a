package dev.postpurchase.reliability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long the faults last and how big the streams are: the durations and bigger streams in the
 * long run ({@code -Dreliability.long=true}), shorter ones in CI.
 */
final class Lengths {

	private Lengths() {
	}

	/** The SMS provider, the SMTP server and the payment provider: 60 s (CI: 20 s). */
	static Duration providerOutage() {
		return Duration.ofSeconds(ReliabilityStack.LONG ? 60 : 20);
	}

	/** MongoDB: 30 s (CI: 10 s). */
	static Duration mongoOutage() {
		return Duration.ofSeconds(ReliabilityStack.LONG ? 30 : 10);
	}

	/** The Kafka broker: 30 s (CI: 10 s). */
	static Duration brokerOutage() {
		return Duration.ofSeconds(ReliabilityStack.LONG ? 30 : 10);
	}

	/** Orders per scenario: 60 (CI: 12). */
	static int orders() {
		return ReliabilityStack.LONG ? 60 : 12;
	}

	/** Keeps a fault in place for its duration (the traffic flows meanwhile, on its own threads). */
	static void hold(Duration duration) throws InterruptedException {
		TimeUnit.MILLISECONDS.sleep(duration.toMillis());
	}

}
