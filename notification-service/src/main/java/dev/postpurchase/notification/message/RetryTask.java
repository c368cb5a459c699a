package dev.postpurchase.notification.message;

import java.time.Clock;

import org.springframework.stereotype.Component;

import dev.postpurchase.kit.schedule.PeriodicTask;
import reactor.core.publisher.Mono;

/**
 * Tries again the messages whose send failed, each taken under a lease so that a slow attempt is
 * not doubled by the next pass or another instance; gives up after the expiry with
 * NotificationFailed.
 */
@Component
class RetryTask extends PeriodicTask {

	private static final int BATCH = 100;

	private final Notifications ledger;

	private final Notifier notifier;

	private final NotificationSettings settings;

	private final Clock clock;

	RetryTask(Notifications ledger, Notifier notifier, NotificationSettings settings, Clock clock) {
		super(settings.retry().interval(), "Notification retry pass failed");
		this.ledger = ledger;
		this.notifier = notifier;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	protected Mono<Long> runPass() {
		return ledger.due(BATCH)
			.concatMap(id -> ledger.takeDue(id, clock.instant().plus(settings.retry().lease())))
			.concatMap(entry -> notifier.expired(entry, clock.instant()) ? notifier.expire(entry)
					: notifier.recipients().of(entry.orderId())
						.flatMap(recipient -> notifier.attempt(entry, recipient))
						.switchIfEmpty(Mono.defer(() -> notifier.attempt(entry, null))))
			.count();
	}

}
