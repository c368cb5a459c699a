package dev.postpurchase.notification.message;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationSuppressed.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What happens to messages, for dashboards and alerts:
 * {@code notifications_messages_total{channel, milestone, outcome, reason}} with outcome one of
 * {@code sent}, {@code failed} (given up), {@code retrying} (an attempt failed, kept),
 * {@code suppressed} (with its reason) and {@code deferred} (quiet hours); and the backlog,
 * {@code notifications_backlog{state="pending"|"deferred"}}, measured by every pass over due
 * messages. Tags are bounded enums: never an order or a customer.
 */
@Component
class NotificationMetrics {

	private final MeterRegistry meters;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong deferred = new AtomicLong();

	NotificationMetrics(MeterRegistry meters) {
		this.meters = meters;
		Gauge.builder("notifications.backlog", pending, AtomicLong::get)
			.description("Messages not sent yet: waiting for a retry, held, or deferred")
			.tag("state", "pending")
			.register(meters);
		Gauge.builder("notifications.backlog", deferred, AtomicLong::get)
			.description("Messages deferred to the end of the customer's quiet hours")
			.tag("state", "deferred")
			.register(meters);
	}

	void sent(Channel channel, Milestone milestone) {
		count(channel, milestone, "sent", null);
	}

	void failed(Channel channel, Milestone milestone) {
		count(channel, milestone, "failed", null);
	}

	void retrying(Channel channel, Milestone milestone) {
		count(channel, milestone, "retrying", null);
	}

	void suppressed(Channel channel, Milestone milestone, Reason reason) {
		count(channel, milestone, "suppressed", reason);
	}

	void deferred(Channel channel, Milestone milestone) {
		count(channel, milestone, "deferred", Reason.QUIET_HOURS);
	}

	void backlog(long pendingNow, long deferredNow) {
		pending.set(pendingNow);
		deferred.set(deferredNow);
	}

	private void count(Channel channel, Milestone milestone, String outcome, Reason reason) {
		Counter.builder("notifications.messages")
			.description("Messages by channel, milestone and outcome (sent, failed, suppressed) with its reason")
			.tags("channel", channel.name().toLowerCase(Locale.ROOT), "milestone",
					milestone.name().toLowerCase(Locale.ROOT), "outcome", outcome, "reason",
					reason == null ? "none" : reason.name().toLowerCase(Locale.ROOT))
			.register(meters)
			.increment();
	}

}
