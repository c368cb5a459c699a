package dev.postpurchase.notification.message;

import java.time.Clock;

import org.springframework.stereotype.Component;

import dev.postpurchase.kit.schedule.PeriodicTask;
import reactor.core.publisher.Mono;

/**
 * Sends the messages that are due: retries of failed sends, messages held for the collapse window,
 * texts deferred to the end of quiet hours, and messages waiting for their order's contact data.
 * Each is taken under a lease so that a slow attempt is not doubled by the next pass or another
 * instance; a message past its expiry is given up with NotificationFailed. Measures the backlog.
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

	@Override
	protected Mono<Long> runPass() {
		return ledger.due(BATCH)
			// a message the provider took that is still being recorded as sent is not due again
			.filter(id -> !notifier.recordingSent(id))
			.concatMap(id -> ledger.takeDue(id, clock.instant().plus(settings.retry().lease())))
			.concatMap(entry -> notifier.expired(entry, clock.instant()) ? notifier.expire(entry)
					: notifier.audience(entry.orderId()).flatMap(audience -> notifier.attempt(entry, audience)))
			.count()
			.flatMap(handled -> ledger.backlog().doOnNext(backlog -> metrics.backlog(backlog[0], backlog[1]))
				.thenReturn(handled));
	}

}
