package dev.postpurchase.bench.load;

import java.time.Instant;

/** Wall-clock time in epoch microseconds, the unit every time of the run is kept in. */
public final class Clocks {

	private Clocks() {
	}

	public static long micros() {
		return micros(Instant.now());
	}

	public static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
	}
}
