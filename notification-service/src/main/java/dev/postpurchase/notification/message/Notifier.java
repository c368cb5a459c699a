package dev.postpurchase.notification.message;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.contracts.notification.NotificationSuppressed.Reason;
import dev.postpurchase.kit.outbox.OutboxEntry;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.notification.message.Notification.Status;
import dev.postpurchase.notification.provider.ChannelSender;
import dev.postpurchase.notification.provider.Outgoing;
import dev.postpurchase.notification.provider.ProviderException;
import dev.postpurchase.notification.recipient.Recipient;
import dev.postpurchase.notification.recipient.Recipients;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns a trigger into messages: per the trigger's rule, for each channel, checks contact data and
 * consent, claims the ledger entry, then sends. A message whose send fails stays PENDING for
 * {@link RetryTask}. Logs ids only, never an address.
 */
@Component
public class Notifier {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	private final NotificationSettings settings;

	private final Notifications ledger;

	private final Recipients recipients;

	private final ChannelSender email;

	private final CustomerLinks links;

	private final LinkSettings linkSettings;

	private final Clock clock;

	Notifier(NotificationSettings settings, Notifications ledger, Recipients recipients, List<ChannelSender> senders,
			CustomerLinks links, LinkSettings linkSettings, Clock clock) {
		this.settings = settings;
		this.ledger = ledger;
		this.recipients = recipients;
		this.email = senders.stream().filter(sender -> sender.channel() == Channel.EMAIL).findFirst().orElseThrow();
		this.links = links;
		this.linkSettings = linkSettings;
		this.clock = clock;
	}

	/** Acts on a trigger of an order, caused by the event {@code eventId}; idempotent per event. */
	public Mono<Void> on(Trigger trigger, String orderId, UUID eventId) {
		var rule = settings.ruleFor(trigger);
		if (rule.isEmpty()) {
			return Mono.empty();
		}
		var milestone = rule.get().milestone();
		return recipients.of(orderId)
			.map(List::of)
			.defaultIfEmpty(List.of())
			.flatMapMany(found -> Flux.fromIterable(rule.get().channels())
				// only email is sent so far
				.filter(channel -> channel == Channel.EMAIL && Templates.has(milestone, channel))
				.concatMap(channel -> notify(orderId, milestone, channel, eventId,
						found.isEmpty() ? null : found.get(0))))
			.then();
	}

	private Mono<Void> notify(String orderId, Milestone milestone, Channel channel, UUID eventId, Recipient recipient) {
		var id = Notification.idOf(orderId, milestone, channel);
		var notificationId = UUID.randomUUID().toString();
		var customerId = recipient == null ? null : recipient.customerId();
		var now = clock.instant();
		var refusal = recipient == null || !recipient.hasEmail() ? Reason.NO_CONTACT_DATA
				: !recipient.emailConsent() ? Reason.NO_CONSENT : null;
		var outbox = new ArrayList<OutboxEntry>();
		if (refusal != null) {
			outbox.add(OutboxEntry.of(new NotificationSuppressed(UUID.randomUUID(), orderId, now, notificationId,
					customerId, channel, milestone, refusal)));
		}
		var entry = new Notification(id, notificationId, orderId, customerId, milestone, channel,
				refusal == null ? Status.PENDING : Status.SUPPRESSED, refusal, null, null, null, refusal == null ? 1 : 0,
				null, now,
				refusal == null ? now.plus(settings.retry().lease()) : null, null, now,
				new ArrayList<>(List.of(eventId.toString())), outbox);
		return ledger.claim(entry).flatMap(claimed -> {
			if (!claimed) {
				var duplicate = new NotificationSuppressed(UUID.randomUUID(), orderId, now, null, customerId, channel,
						milestone, Reason.DUPLICATE);
				return ledger.duplicate(id, eventId, duplicate).doOnNext(recorded -> {
					if (recorded) {
						log.info("Notification {} of order {} already claimed: suppressed as duplicate", milestone,
								orderId);
					}
				}).then();
			}
			if (refusal != null) {
				log.info("Notification {} {} of order {} suppressed: {}", milestone, channel, orderId, refusal);
				return Mono.empty();
			}
			return attempt(entry, recipient).then();
		});
	}

	/** Sends a claimed PENDING entry once; a failure leaves it PENDING for the next retry. */
	Mono<Boolean> attempt(Notification entry, Recipient recipient) {
		if (recipient == null || !recipient.hasEmail()) {
			// the contact data was erased while the message waited
			var reason = recipient != null && recipient.erasedAt() != null ? Reason.ERASED : Reason.NO_CONTACT_DATA;
			return ledger.end(entry.id(), Status.SUPPRESSED, reason, new NotificationSuppressed(UUID.randomUUID(),
					entry.orderId(), clock.instant(), entry.notificationId(), entry.customerId(), entry.channel(),
					entry.milestone(), reason));
		}
		var link = linkSettings.baseUrl().replaceAll("/+$", "") + "/track/" + entry.orderId() + "?token="
				+ links.issue(entry.orderId(), LinkPurpose.TRACKING);
		var message = Templates.render(entry.milestone(), entry.channel(), recipient.language(),
				new Templates.Values(recipient.name(), recipient.orderReference(), null,
						new Templates.Links(link, null, null, null), MessageDetails.NONE));
		return email.send(new Outgoing(entry.notificationId(), recipient.email(), message, null))
			.flatMap(messageId -> ledger.sent(entry.id(), message.template(), message.locale(), messageId,
					new NotificationSent(UUID.randomUUID(), entry.orderId(), clock.instant(), entry.notificationId(),
							entry.customerId(), entry.channel(), entry.milestone(), message.template(),
							message.locale(), messageId))
				.doOnNext(marked -> log.info("Notification {} {} of order {} sent", entry.milestone(),
						entry.channel(), entry.orderId())))
			.onErrorResume(ProviderException.class, ex -> {
				log.warn("Notification {} {} of order {} not sent, will retry: {}", entry.milestone(), entry.channel(),
						entry.orderId(), ex.getMessage());
				return ledger.failedAttempt(entry.id(), ex.getMessage(), clock.instant().plus(settings.retry().interval()))
					.thenReturn(false);
			});
	}

	/** Gives up a PENDING entry that waited too long. */
	Mono<Boolean> expire(Notification entry) {
		log.warn("Notification {} {} of order {} expired after {} attempts", entry.milestone(), entry.channel(),
				entry.orderId(), entry.attempts());
		return ledger.end(entry.id(), Status.FAILED, null,
				new NotificationFailed(UUID.randomUUID(), entry.orderId(), clock.instant(), entry.notificationId(),
						entry.customerId(), entry.channel(), entry.milestone(),
						entry.lastError() == null ? "EXPIRED" : entry.lastError(), entry.attempts(), false));
	}

	/** Whether an entry waited longer than the retries may take. */
	boolean expired(Notification entry, Instant now) {
		return entry.createdAt().plus(settings.retry().expireAfter()).isBefore(now);
	}

	Recipients recipients() {
		return recipients;
	}

}
