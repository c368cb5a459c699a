package dev.postpurchase.kit.schedule;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import dev.postpurchase.kit.lease.Leases;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A lifecycle that runs a pass every {@code interval} while it runs, the first one an interval
 * after {@link #start()}. Passes never overlap: a pass starts only once the previous one ended, and
 * ticks missed meanwhile are dropped (at most one waits). A failed pass is logged, under the
 * subclass's logger, and the next tick tries again; {@link #stop()} cancels the pass under way.
 * Ticks come on Reactor's parallel scheduler, so a pass must not block.
 *
 * <p>A task made with a lease name is work for one instance at a time: a pass runs only on the
 * instance that holds (and so renews) that lease; see {@link Leases}. {@link #stop()} gives it up.
 */
public abstract class PeriodicTask implements SmartLifecycle {

	private final Logger log = LoggerFactory.getLogger(getClass());

	private final Duration interval;

	private final String failure;

	private final Leases leases;

	private final String lease;

	private volatile Disposable loop;

	/**
	 * A task every instance runs.
	 *
	 * @param interval between two ticks, positive (checked on {@link #start()})
	 * @param failure what to log when a pass fails, before the error
	 */
	protected PeriodicTask(Duration interval, String failure) {
		this(interval, failure, null, null);
	}

	/**
	 * A task one instance at a time runs: the holder of the lease {@code lease}.
	 *
	 * @param interval between two ticks, positive (checked on {@link #start()})
	 * @param failure what to log when a pass fails, before the error
	 */
	protected PeriodicTask(Duration interval, String failure, Leases leases, String lease) {
		this.interval = interval;
		this.failure = failure;
		this.leases = leases;
		this.lease = lease;
	}

	/** A pass, on the instance that holds the lease when there is one. */
	private Mono<?> leasedPass() {
		if (leases == null) {
			return runPass();
		}
		return leases.acquire(lease, Leases.timeToLive(interval)).filter(Boolean::booleanValue).flatMap(held -> runPass());
	}

	/** One pass; what it emits is ignored. */
	protected abstract Mono<?> runPass();

	@Override
	public synchronized void start() {
		if (loop != null) {
			return;
		}
		loop = Flux.interval(interval, interval)
			.onBackpressureDrop()
			// deferred, so a pass that throws instead of signalling an error does not end the loop
			.concatMap(tick -> Mono.defer(this::leasedPass).then().onErrorResume(ex -> {
				log.warn("{}: {}", failure, ex.toString());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	@Override
	public synchronized void stop() {
		if (loop != null) {
			loop.dispose();
			loop = null;
			if (leases != null) {
				// another instance takes over at once rather than when the lease runs out
				leases.release(lease).onErrorResume(ex -> Mono.empty()).block(Duration.ofSeconds(5));
			}
		}
	}

	@Override
	public boolean isRunning() {
		return loop != null;
	}

}
