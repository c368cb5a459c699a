package dev.postpurchase.localstack;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What every simulated messaging provider has, whatever its wire format: the clock it stamps
 * messages with, the {@link Callbacks} it reports statuses through, the {@link Faults} an operator
 * can set on it, and the {@link Inbox} of what it received, listed as JSON.
 *
 * @param <M> one message received, as the provider keeps it
 */
abstract class ProviderSimulator<M> {

	protected final Clock clock;

	protected final Callbacks callbacks;

	protected final Faults faults;

	protected final Inbox<M> inbox;

	private final Function<M, Map<String, Object>> toJson;

	/**
	 * @param capacity how many messages are kept
	 * @param toJson how one message is shown in the listings
	 */
	ProviderSimulator(Clock clock, Callbacks callbacks, int capacity, Function<M, Map<String, Object>> toJson) {
		this.clock = clock;
		this.callbacks = callbacks;
		this.faults = new Faults(clock);
		this.inbox = new Inbox<>(capacity);
		this.toJson = toJson;
	}

	final Faults faults() {
		return this.faults;
	}

	/** What was received, oldest first. */
	final List<Map<String, Object>> messages() {
		return this.inbox.list().stream().map(this.toJson).toList();
	}

	final long total() {
		return this.inbox.total();
	}
}
