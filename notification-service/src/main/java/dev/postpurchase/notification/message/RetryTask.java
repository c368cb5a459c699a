package dev.postpurchase.notification.message;

import java.time.Clock;
import java.util.Comparator;

import org.springframework.stereotype.Component;

import dev.postpurchase.kit.schedule.PeriodicTask;
import reactor.core.publisher.Mono;

/**
 * Sends the messages that are due: retries of failed sends, messages held for the collapse window,
 * texts deferred to the end of quiet hours, and messages waiting for their order's contact data.
 * Each is taken under a lease so that a slow attempt is not doubled by the next pass or another
 * instance; a message past its expiry is given up with NotificationFailed. A pass goes on until
 * nothing more is due, a batch at a time: every message held for the collapse window comes this way,
 * as many per second as the shipments' news. Measures the backlog.
 */
@Component
class RetryTask extends PeriodicTask {

	private static final int BATCH = 100;

	private final Notifications ledger;

	private final Notifier notifier;

	private final NotificationSettings settings;

	private final NotificationMetrics metrics;

	private final Clock clock;

	RetryTask(Notifications ledger, Notifier notifier, NotificationSettings settings, NotificationMetrics metrics,
			Clock clock) {
		super(settings.retry().interval(), "Pass over due notifications failed");
		this.ledger = ledger;
		this.notifier = notifier;
		this.settings = settings;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Batch after batch while they come full (a busy hour's held messages are many batches), then
	 * the backlog gauges.
	 */
	@Override
	protected Mono<Long> runPass() {
		return batch().expand(done -> done.full() ? batch() : Mono.empty())
			.map(Batch::handled)
			.reduce(0L, Long::sum)
			.flatMap(handled -> ledger.backlog().doOnNext(backlog -> metrics.backlog(backlog[0], backlog[1]))
				.thenReturn(handled));
	}

	/** What one batch did: whether it found as many due entries as it reads at once, and how many it handled. */
	private record Batch(boolean full, long handled) {

	}

	/**
	 * Up to {@value #BATCH} due entries, oldest first, taken together ({@link Notifications#takeDue})
	 * and attempted ({@link Notifier#attemptAll}). A message the provider took that is still being
	 * recorded as sent is not due again. A batch that takes nothing ends the pass even when full, so
	 * entries that cannot be taken never make it go round in circles.
	 */
	private Mono<Batch> batch() {
		return ledger.due(BATCH).collectList().flatMap(due -> {
			var ids = due.stream().filter(id -> !notifier.recordingSent(id)).toList();
			return ledger.takeDue(ids, clock.instant().plus(settings.retry().lease()))
				.collectList()
				.flatMap(taken -> {
					// in the order they were due
					var sorted = taken.stream().sorted(Comparator.comparingInt(entry -> ids.indexOf(entry.id()))).toList();
					return notifier.attemptAll(sorted).map(handled -> new Batch(due.size() == BATCH && !taken.isEmpty(), handled));
				});
		});
	}

}
