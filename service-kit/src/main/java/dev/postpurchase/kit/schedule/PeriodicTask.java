package dev.postpurchase.kit.schedule;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A lifecycle that runs a pass every {@code interval} while it runs, the first one an interval
 * after {@link #start()}. Passes never overlap: a pass starts only once the previous one ended, and
 * ticks missed meanwhile are dropped (at most one waits). A failed pass is logged, under the
 * subclass's logger, and the next tick tries again; {@link #stop()} cancels the pass under way.
 * Ticks come on Reactor's parallel scheduler, so a pass must not block.
 */
public abstract class PeriodicTask implements SmartLifecycle {

	private final Logger log = LoggerFactory.getLogger(getClass());

	private final Duration interval;

	private final String failure;

	private volatile Disposable loop;

	/**
	 * @param interval between two ticks, positive (checked on {@link #start()})
	 * @param failure what to log when a pass fails, before the error
	 */
	protected PeriodicTask(Duration interval, String failure) {
		this.interval = interval;
		this.failure = failure;
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
			.concatMap(tick -> Mono.defer(this::runPass).then().onErrorResume(ex -> {
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
		}
	}

	@Override
	public boolean isRunning() {
		return loop != null;
	}

}
