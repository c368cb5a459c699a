package dev.postpurchase.kit.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

class PeriodicTaskTests {

	private static final Duration INTERVAL = Duration.ofMillis(20);

	private final AtomicInteger started = new AtomicInteger();

	private PeriodicTask task;

	@AfterEach
	void stop() {
		if (task != null) {
			task.stop();
		}
	}

	@Test
	void runsPassesOneAfterTheOtherEvenWhenAPassOutlastsTheInterval() {
		var running = new AtomicInteger();
		var overlapped = new AtomicBoolean();
		// the pass ends (and the next may start) once its Mono completes: count it out before that
		task = every(INTERVAL, pass -> Mono.fromRunnable(() -> overlapped.compareAndSet(false, running.incrementAndGet() > 1))
			.then(Mono.delay(INTERVAL.multipliedBy(3)))
			.doOnTerminate(running::decrementAndGet));

		task.start();

		await().atMost(Duration.ofSeconds(5)).until(() -> started.get() >= 5);
		assertThat(overlapped).isFalse();
	}

	@Test
	void aFailedPassIsLoggedAndTheNextTickRunsAgain() {
		task = every(INTERVAL, pass -> switch (pass) {
			case 1 -> Mono.error(new IllegalStateException("store down"));
			case 2 -> throw new IllegalStateException("thrown, not signalled");
			default -> Mono.just(pass);
		});

		task.start();

		await().atMost(Duration.ofSeconds(5)).until(() -> started.get() >= 4);
		assertThat(task.isRunning()).isTrue();
	}

	@Test
	void stopCancelsThePassUnderWayAndNoneRunsAfterwards() {
		var cancelled = new AtomicBoolean();
		task = every(INTERVAL, pass -> Mono.never().doOnCancel(() -> cancelled.set(true)));
		task.start();
		task.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 1);

		task.stop();

		assertThat(task.isRunning()).isFalse();
		assertThat(cancelled).isTrue();
		await().during(INTERVAL.multipliedBy(10)).atMost(Duration.ofSeconds(5)).until(() -> started.get() == 1);
	}

	@Test
	void startsAgainAfterAStop() {
		task = every(INTERVAL, pass -> Mono.just(pass));
		task.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> started.get() >= 1);
		task.stop();
		var before = started.get();

		task.start();

		assertThat(task.isRunning()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> started.get() > before);
	}

	/** A task whose passes are numbered from 1. */
	private PeriodicTask every(Duration interval, IntFunction<Mono<?>> pass) {
		return new PeriodicTask(interval, "Test pass failed") {

			@Override
			protected Mono<?> runPass() {
				return pass.apply(started.incrementAndGet());
			}

		};
	}

}
