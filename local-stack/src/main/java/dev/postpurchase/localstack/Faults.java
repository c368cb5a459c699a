package dev.postpurchase.localstack;

import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import tools.jackson.databind.JsonNode;

/**
 * A simulated provider outage, set by an operator or a reliability test: for a while, every request
 * to the provider's API is answered with an error status, or only after a delay, or both (delay
 * first). One per simulator; setting a new fault replaces the old one.
 */
final class Faults {

	/** The longest delay that can be asked for; longer would only tie up the simulators' threads. */
	static final long MAX_DELAY_MILLIS = 120_000;

	static final long DEFAULT_SECONDS = 60;

	static final long MAX_SECONDS = 86_400;

	/**
	 * One fault.
	 *
	 * @param status the HTTP status every request gets, 0 for none
	 * @param delayMillis how long every answer is held back, 0 for none
	 * @param until when it ends by itself
	 */
	record Fault(int status, long delayMillis, Instant until) {

		Map<String, Object> toJson() {
			var json = new LinkedHashMap<String, Object>();
			json.put("status", this.status == 0 ? null : this.status);
			json.put("delayMillis", this.delayMillis);
			json.put("until", this.until.toString());
			return json;
		}
	}

	private final Clock clock;

	private final AtomicReference<Fault> current = new AtomicReference<>();

	Faults(Clock clock) {
		this.clock = clock;
	}

	/** The fault in force now, or null. */
	Fault active() {
		var fault = this.current.get();
		if (fault != null && !this.clock.instant().isBefore(fault.until())) {
			this.current.compareAndSet(fault, null);
			return null;
		}
		return fault;
	}

	/**
	 * Sets a fault from its JSON request: {@code {"status": 500, "seconds": 60}} and/or
	 * {@code {"delayMillis": 10000, "seconds": 60}} ({@code seconds} defaults to 60).
	 *
	 * @throws IllegalArgumentException when the request is not such an object, with a message saying why
	 */
	Fault set(JsonNode request) {
		if (request == null || !request.isObject()) {
			throw new IllegalArgumentException("Expected a JSON object such as {\"status\": 500, \"seconds\": 60}");
		}
		int status = (int) number(request, "status", 0, 400, 599);
		long delayMillis = number(request, "delayMillis", 0, 1, MAX_DELAY_MILLIS);
		long seconds = number(request, "seconds", DEFAULT_SECONDS, 1, MAX_SECONDS);
		return set(status, delayMillis, Duration.ofSeconds(seconds));
	}

	/**
	 * Sets a fault: every request is answered with {@code status} (400 to 599, 0 for none), after
	 * {@code delayMillis} (0 for none), from now for {@code duration}.
	 *
	 * @throws IllegalArgumentException when neither is given, or one is out of range
	 */
	Fault set(int status, long delayMillis, Duration duration) {
		if (status != 0 && (status < 400 || status > 599)) {
			throw new IllegalArgumentException("\"status\" must be a whole number from 400 to 599");
		}
		if (delayMillis < 0 || delayMillis > MAX_DELAY_MILLIS) {
			throw new IllegalArgumentException("\"delayMillis\" must be a whole number from 1 to " + MAX_DELAY_MILLIS);
		}
		if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(Duration.ofSeconds(MAX_SECONDS)) > 0) {
			throw new IllegalArgumentException("\"seconds\" must be a whole number from 1 to " + MAX_SECONDS);
		}
		if (status == 0 && delayMillis == 0) {
			throw new IllegalArgumentException("Give \"status\" (400 to 599) and/or \"delayMillis\" (1 to " + MAX_DELAY_MILLIS + ")");
		}
		var fault = new Fault(status, delayMillis, this.clock.instant().plus(duration));
		this.current.set(fault);
		return fault;
	}

	void clear() {
		this.current.set(null);
	}

	/**
	 * Applies the fault in force to one request: waits out its delay on the calling thread.
	 *
	 * @return the error status to answer with, or 0 to answer normally
	 */
	int apply() throws InterruptedIOException {
		var fault = active();
		if (fault == null) {
			return 0;
		}
		if (fault.delayMillis() > 0) {
			try {
				Thread.sleep(fault.delayMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException("Interrupted during a simulated delay");
			}
		}
		return fault.status();
	}

	private static long number(JsonNode request, String field, long defaultValue, long min, long max) {
		var node = request.get(field);
		if (node == null || node.isNull()) {
			return defaultValue;
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
			throw new IllegalArgumentException("\"" + field + "\" must be a whole number from " + min + " to " + max);
		}
		return node.longValue();
	}
}
