package dev.postpurchase.notification.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.contracts.notification.NotificationSuppressed.Reason;
import dev.postpurchase.kit.kafka.KeyedBatch;
import dev.postpurchase.kit.outbox.OutboxEntry;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.notification.message.Notification.Claim;
import dev.postpurchase.notification.message.Notification.Status;
import dev.postpurchase.notification.message.NotificationSettings.Delivery;
import dev.postpurchase.notification.message.NotificationSettings.Rule;
import dev.postpurchase.notification.message.NotificationSettings.Urgency;
import dev.postpurchase.notification.provider.Outgoing;
import dev.postpurchase.notification.provider.ProviderException;
import dev.postpurchase.notification.provider.ResilientSenders;
import dev.postpurchase.notification.recipient.Recipient;
import dev.postpurchase.notification.recipient.Recipients;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Turns a trigger into messages, per the trigger's rule: picks the channels (the first one the
 * customer can be reached on, or all), claims a ledger entry per channel, and sends it now or when
 * it is due: after the collapse window (a newer message about the order's shipment replaces it),
 * after the customer's quiet hours (texts), or for a retry. At send time it checks again what may
 * have changed meanwhile (consent, opt-out, erasure, quiet hours) and the daily cap. When a
 * channel's provider is unavailable (its circuit open) the message goes by the rule's next channel.
 * Logs ids only, never an address.
 */
@Component
public class Notifier {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	/** How long recording a message as sent is tried again while MongoDB is unavailable. */
	static final Duration RECORD_SENT_FOR = Duration.ofMinutes(10);

	/** The ledger's note on a message waiting for its order's contact data. */
	static final String NO_RECIPIENT_YET = "NO_RECIPIENT_YET";

	private final NotificationSettings settings;

	private final Notifications ledger;

	private final Recipients recipients;

	private final CustomerWishes wishes;

	private final ResilientSenders senders;

	private final DailyCaps caps;

	private final NotificationMetrics metrics;

	private final CustomerLinks links;

	private final LinkSettings linkSettings;

	private final EmailTracking tracking;

	private final Clock clock;

	/** Entries whose message the provider took, being recorded as sent. */
	private final Set<String> recording = ConcurrentHashMap.newKeySet();

	Notifier(NotificationSettings settings, Notifications ledger, Recipients recipients, CustomerWishes wishes,
			ResilientSenders senders, DailyCaps caps, NotificationMetrics metrics, CustomerLinks links,
			LinkSettings linkSettings, EmailTracking tracking, Clock clock) {
		this.settings = settings;
		this.ledger = ledger;
		this.recipients = recipients;
		this.wishes = wishes;
		this.senders = senders;
		this.caps = caps;
		this.metrics = metrics;
		this.links = links;
		this.linkSettings = linkSettings;
		this.tracking = tracking;
		this.clock = clock;
	}

	/** Acts on a trigger of an order, caused by the event {@code eventId}; idempotent per event. */
	public Mono<Void> on(Trigger trigger, String orderId, UUID eventId, MessageDetails details) {
		return on(trigger, orderId, eventId, details, null);
	}

	/**
	 * Acts on a trigger of an order, as {@link #on(Trigger, String, UUID, MessageDetails)}, with what
	 * {@code known} read of the order (a batch of triggers, read together by {@link #prefetch}).
	 */
	public Mono<Void> on(Trigger trigger, String orderId, UUID eventId, MessageDetails details, Prefetched known) {
		var found = settings.ruleFor(trigger);
		if (found.isEmpty()) {
			return Mono.empty();
		}
		var rule = found.get();
		var channels = rule.channels().stream().distinct().filter(channel -> Templates.has(rule.milestone(), channel))
			.toList();
		if (channels.isEmpty()) {
			return Mono.empty();
		}
		var read = known == null ? null : known.audience(orderId);
		return (read != null ? Mono.just(read) : audience(orderId)).flatMap(audience -> rule.delivery() == Delivery.ALL
				? Flux.fromIterable(channels)
					// a channel without credentials is skipped (SMS not set up, say), not retried for a day
					.filter(senders::configured)
					.concatMap(channel -> claim(claimOf(rule, orderId, audience, channel, List.of(), details), eventId,
							audience, true))
					.then()
				: first(rule, channels, orderId, eventId, details, audience,
						known == null ? null : known.entries(orderId, rule.milestone())));
	}

	/** A trigger of an order, one of a batch's. */
	public record Ask(String orderId, Trigger trigger) {

	}

	/**
	 * Reads together what a batch of triggers needs: who the messages of its orders go to (two
	 * queries: the orders' recipients, then their customers' wishes) and, for each order with a single
	 * trigger in the batch, the entries of the milestone it asks for (one query; an order's second
	 * trigger must see what its first claimed, so those are read when they come).
	 * @param asks the batch's triggers, in order
	 */
	public Mono<Prefetched> prefetch(List<Ask> asks) {
		if (asks.isEmpty()) {
			return Mono.just(Prefetched.NONE);
		}
		var triggers = asks.stream().collect(Collectors.groupingBy(Ask::orderId, Collectors.counting()));
		var milestones = new HashMap<String, Milestone>();
		for (var ask : asks) {
			var rule = settings.ruleFor(ask.trigger());
			if (triggers.get(ask.orderId()) == 1 && rule.isPresent() && rule.get().delivery() == Delivery.FIRST_AVAILABLE) {
				milestones.put(ask.orderId(), rule.get().milestone());
			}
		}
		return audiences(triggers.keySet()).zipWith(ledger.ofOrders(milestones).collectMultimap(Notification::orderId),
				(audiences, found) -> {
					var entries = new HashMap<String, Prefetched.Entries>();
					milestones.forEach((orderId, milestone) -> entries.put(orderId, new Prefetched.Entries(milestone,
							List.copyOf(found.getOrDefault(orderId, List.of())))));
					return new Prefetched(audiences, entries);
				});
	}

	/**
	 * Attempts the entries a pass over due messages took ({@link #attempt}), giving up those that
	 * waited too long ({@link #expire}): who their messages go to is read for all of them together (two
	 * queries), then different orders' entries go side by side, one order's one after the other in the
	 * order given. An order whose attempt fails (MongoDB unreachable) does not hold up the others: its
	 * entries stay taken until their lease runs out, then a pass tries them again. Emits how many were
	 * handled.
	 */
	Mono<Long> attemptAll(List<Notification> taken) {
		var now = clock.instant();
		var live = taken.stream().filter(entry -> !expired(entry, now)).map(Notification::orderId).distinct().toList();
		var byOrder = taken.stream()
			.collect(Collectors.groupingBy(Notification::orderId, LinkedHashMap::new, Collectors.toList()));
		return (live.isEmpty() ? Mono.just(Map.<String, Audience>of()) : audiences(live))
			.flatMapMany(known -> Flux.fromIterable(byOrder.values())
				.flatMap(entries -> Flux.fromIterable(entries)
					.concatMap(entry -> (expired(entry, now) ? expire(entry) : attempt(entry, known.get(entry.orderId())))
						.thenReturn(entry))
					.onErrorResume(ex -> {
						log.warn("Due notifications of order {} not attempted, retried after their lease: {}",
								entries.get(0).orderId(), ex.toString());
						return Mono.empty();
					}), KeyedBatch.IN_FLIGHT))
			.count();
	}

	/** Who an order's messages go to, as known now. */
	private Mono<Audience> audience(String orderId) {
		return audiences(List.of(orderId)).map(known -> known.get(orderId));
	}

	/** Who the messages of each of the orders go to, as known now, read with two queries. */
	private Mono<Map<String, Audience>> audiences(Collection<String> orderIds) {
		return recipients.ofAll(orderIds).collectMap(Recipient::orderId).flatMap(found -> wishes
			.ofAll(found.values().stream().map(Recipient::customerId).filter(Objects::nonNull).distinct().toList())
			.map(chosen -> {
				var byOrder = new HashMap<String, Audience>();
				for (var orderId : orderIds) {
					var recipient = found.get(orderId);
					var wished = recipient == null || recipient.customerId() == null ? Wishes.NONE
							: chosen.getOrDefault(recipient.customerId(), Wishes.NONE);
					byOrder.put(orderId, new Audience(recipient, wished, settings.quietHours()));
				}
				return byOrder;
			}));
	}

	/**
	 * FIRST_AVAILABLE: one message per milestone whatever the channel, so a redelivered event never
	 * picks another channel than the first time (because a breaker opened meanwhile, say).
	 * {@code prefetched}: the milestone's entries as read with the batch; {@code null} to read them now.
	 */
	private Mono<Void> first(Rule rule, List<Channel> channels, String orderId, UUID eventId, MessageDetails details,
			Audience audience, List<Notification> prefetched) {
		return (prefetched != null ? Mono.justOrEmpty(prefetched.stream().findFirst()) : ledger.anyOf(orderId, rule.milestone()))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap(existing -> existing.isPresent()
					? duplicate(existing.get().id(), orderId, existing.get().customerId(), existing.get().channel(),
							existing.get().milestone(), eventId)
					: claimFirst(rule, channels, orderId, eventId, details, audience));
	}

	private Mono<Void> claimFirst(Rule rule, List<Channel> channels, String orderId, UUID eventId,
			MessageDetails details, Audience audience) {
		if (audience.recipient() == null) {
			// no contact data yet: wait for them on the first channel
			return claim(claimOf(rule, orderId, audience, channels.get(0), rest(channels, 0), details), eventId, audience,
					true);
		}
		var chosen = pick(channels, audience);
		if (chosen >= 0) {
			return claim(claimOf(rule, orderId, audience, channels.get(chosen), rest(channels, chosen), details), eventId,
					audience, true);
		}
		// the customer cannot be reached on any channel: each refusal is recorded
		return Flux.fromIterable(channels)
			.filter(channel -> audience.refusal(channel) != null)
			.concatMap(channel -> claim(claimOf(rule, orderId, audience, channel, List.of(), details), eventId, audience,
					true))
			.then();
	}

	/**
	 * The index of the channel to use: the first the customer can be reached on whose provider is
	 * available; else the first they can be reached on that is configured (its breaker is open: the
	 * message waits for a retry); -1 when none.
	 */
	private int pick(List<Channel> channels, Audience audience) {
		var waiting = -1;
		for (int i = 0; i < channels.size(); i++) {
			var channel = channels.get(i);
			if (audience.refusal(channel) != null || !senders.configured(channel)) {
				continue;
			}
			if (senders.available(channel)) {
				return i;
			}
			if (waiting < 0) {
				waiting = i;
			}
		}
		return waiting;
	}

	private static List<Channel> rest(List<Channel> channels, int index) {
		return List.copyOf(channels.subList(index + 1, channels.size()));
	}

	private static Claim claimOf(Rule rule, String orderId, Audience audience, Channel channel, List<Channel> fallbacks,
			MessageDetails details) {
		return new Claim(orderId, audience.recipient() == null ? null : audience.recipient().customerId(),
				rule.milestone(), channel, details == null ? MessageDetails.NONE : details, fallbacks,
				rule.urgency() == Urgency.HIGH, false);
	}

	/**
	 * Claims the entry of a message and sends it when it is due now. {@code hold}: whether a
	 * collapsible milestone waits for the collapse window (not when falling back from another
	 * channel: that message waited already).
	 */
	private Mono<Void> claim(Claim claim, UUID eventId, Audience audience, boolean hold) {
		var now = clock.instant();
		var notificationId = UUID.randomUUID().toString();
		var refusal = audience.recipient() == null ? null : audience.refusal(claim.channel());
		if (refusal != null) {
			var entry = claim.entry(notificationId, Status.SUPPRESSED, refusal, 0, null, now, null, null,
					eventId.toString(), List.of(OutboxEntry.of(suppressed(claim, notificationId, refusal, null))));
			return ledger.claim(entry).flatMap(claimed -> {
				if (!claimed) {
					return duplicate(entry.id(), claim.orderId(), claim.customerId(), claim.channel(), claim.milestone(),
							eventId);
				}
				metrics.suppressed(claim.channel(), claim.milestone(), refusal);
				log.info("Notification {} {} of order {} suppressed: {}", claim.milestone(), claim.channel(),
						claim.orderId(), refusal);
				return Mono.empty();
			});
		}
		var waitingForRecipient = audience.recipient() == null;
		var quietUntil = waitingForRecipient ? null : audience.quietUntil(claim.channel(), now);
		var holdUntil = hold && settings.collapsible().contains(claim.milestone())
				&& !settings.collapseWindow().isZero() && !settings.collapseWindow().isNegative() ? now.plus(settings.collapseWindow()) : null;
		var dueAt = waitingForRecipient ? now.plus(settings.retry().backoff()) : latest(quietUntil, holdUntil);
		var outbox = new ArrayList<OutboxEntry>();
		if (quietUntil != null) {
			outbox.add(OutboxEntry.of(suppressed(claim, notificationId, Reason.QUIET_HOURS, quietUntil)));
		}
		var entry = claim.entry(notificationId, Status.PENDING, null, dueAt == null ? 1 : 0,
				waitingForRecipient ? NO_RECIPIENT_YET : null, now,
				dueAt == null ? now.plus(settings.retry().lease()) : dueAt, quietUntil, eventId.toString(), outbox);
		return ledger.claim(entry).flatMap(claimed -> {
			if (!claimed) {
				return duplicate(entry.id(), claim.orderId(), claim.customerId(), claim.channel(), claim.milestone(),
						eventId);
			}
			if (quietUntil != null) {
				metrics.deferred(claim.channel(), claim.milestone());
				log.info("Notification {} {} of order {} deferred to {} (quiet hours)", claim.milestone(),
						claim.channel(), claim.orderId(), quietUntil);
			}
			return collapse(entry).flatMap(goesOn -> goesOn && dueAt == null ? attempt(entry, audience).then()
					: Mono.<Void>empty());
		});
	}

	private static Instant latest(Instant one, Instant other) {
		if (one == null) {
			return other;
		}
		return other == null || one.isAfter(other) ? one : other;
	}

	/**
	 * Messages about a shipment's progress replace each other by the progress they tell, not by when
	 * their events came: a message is stale once the order has a later one (held or sent), and then
	 * collapsed itself; otherwise it replaces the earlier ones still waiting. Emits whether this entry
	 * goes on.
	 */
	private Mono<Boolean> collapse(Notification entry) {
		if (!settings.collapsible().contains(entry.milestone())) {
			return Mono.just(true);
		}
		return ledger.ofOrder(entry.orderId(), settings.collapsible())
			.filter(other -> !other.id().equals(entry.id())
					&& (other.status() == Status.SENT || other.status() == Status.PENDING))
			.collectList()
			.flatMap(others -> {
				if (others.stream().anyMatch(other -> supersedes(other.milestone(), entry.milestone()))) {
					log.info("Notification {} {} of order {} collapsed: the order has later news", entry.milestone(),
							entry.channel(), entry.orderId());
					metrics.suppressed(entry.channel(), entry.milestone(), Reason.COLLAPSED);
					return ledger.end(entry.id(), Status.SUPPRESSED, Reason.COLLAPSED,
							suppressed(entry, Reason.COLLAPSED, null)).thenReturn(false);
				}
				return Flux.fromIterable(others)
					.filter(other -> other.status() == Status.PENDING && other.attempts() == 0
							&& supersedes(entry.milestone(), other.milestone()))
					.concatMap(other -> ledger.collapse(other.id(), suppressed(other, Reason.COLLAPSED, null))
						.doOnNext(collapsed -> {
							if (collapsed) {
								metrics.suppressed(other.channel(), other.milestone(), Reason.COLLAPSED);
								log.info("Notification {} {} of order {} collapsed into {}", other.milestone(),
										other.channel(), other.orderId(), entry.milestone());
							}
						}))
					.then(Mono.just(true));
			});
	}

	/**
	 * Whether news of {@code newer} makes a message about {@code older} pointless: delivered ends all
	 * shipment news, out for delivery makes shipped old. Delays and delivery issues stand on their own.
	 */
	static boolean supersedes(Milestone newer, Milestone older) {
		if (newer == older) {
			return false;
		}
		return switch (newer) {
			case DELIVERED -> true;
			case OUT_FOR_DELIVERY -> older == Milestone.SHIPPED;
			default -> false;
		};
	}

	/** Another event asked for a message that exists: recorded once per event as a DUPLICATE. */
	private Mono<Void> duplicate(String id, String orderId, String customerId, Channel channel, Milestone milestone,
			UUID eventId) {
		var duplicate = new NotificationSuppressed(UUID.randomUUID(), orderId, clock.instant(),
				UUID.randomUUID().toString(), customerId, channel, milestone, Reason.DUPLICATE);
		return ledger.duplicate(id, eventId, duplicate).doOnNext(recorded -> {
			if (recorded) {
				metrics.suppressed(channel, milestone, Reason.DUPLICATE);
				log.info("Notification {} of order {} already claimed: suppressed as duplicate", milestone, orderId);
			}
		}).then();
	}

	/**
	 * One attempt at a PENDING entry that was taken for it: checks again who the customer is and what
	 * they allow, then sends. A transient failure leaves it PENDING for a retry (or moves it to the
	 * next channel when this one's provider is unavailable); a permanent one ends it FAILED.
	 */
	Mono<Boolean> attempt(Notification entry, Audience audience) {
		var now = clock.instant();
		if (audience.recipient() == null) {
			if (entry.createdAt().plus(settings.recipientWait()).isAfter(now)) {
				return ledger.failedAttempt(entry.id(), NO_RECIPIENT_YET, now.plus(settings.retry().backoff()),
						entry.counted(), null);
			}
			return suppress(entry, Reason.NO_CONTACT_DATA);
		}
		var refusal = audience.refusal(entry.channel());
		if (refusal != null) {
			// things changed since the claim (or the contact data came only now): the next channel the
			// customer can be reached on takes over, if the rule has one
			var next = pick(entry.fallbacks(), audience);
			return suppress(entry, refusal).flatMap(ended -> ended && next >= 0
					? claim(nextClaim(entry, next, entry.counted()), firstEvent(entry), audience, false).thenReturn(true)
					: Mono.just(ended));
		}
		var quietUntil = audience.quietUntil(entry.channel(), now);
		if (quietUntil != null) {
			metrics.deferred(entry.channel(), entry.milestone());
			return ledger.defer(entry.id(), quietUntil, suppressed(entry, Reason.QUIET_HOURS, quietUntil));
		}
		var allowed = entry.urgent() || entry.counted() ? Mono.just(true)
				: caps.take(entry.orderId(), audience.day(now), settings.dailyCap(), entry.notificationId());
		return allowed.flatMap(underCap -> underCap ? send(entry, audience) : suppress(entry, Reason.DAILY_CAP));
	}

	private Mono<Boolean> send(Notification entry, Audience audience) {
		var content = Templates.render(entry.milestone(), entry.channel(), audience.language(),
				new Templates.Values(audience.recipient().name(), audience.recipient().orderReference(), audience.zone(),
						links(entry), entry.details() == null ? MessageDetails.NONE : entry.details()));
		var outgoing = new Outgoing(entry.notificationId(), audience.address(entry.channel()), content,
				entry.channel() == Channel.EMAIL ? unsubscribeLink(entry) : null);
		return senders.send(entry.channel(), outgoing)
			.flatMap(providerId -> recordSent(entry, new NotificationSent(UUID.randomUUID(), entry.orderId(),
					clock.instant(), entry.notificationId(),
					entry.customerId() != null ? entry.customerId() : audience.recipient().customerId(), entry.channel(),
					entry.milestone(), content.template(), content.locale(), providerId)))
			.onErrorResume(ProviderException.class, failure -> failed(entry, failure, audience));
	}

	/**
	 * The provider took the message: records it as sent. Should MongoDB be unavailable, the write is
	 * tried again until it is back (up to {@link #RECORD_SENT_FOR}), whether or not the caller still
	 * waits (a listener's timeout does not stop it), and meanwhile no retry pass of this instance takes
	 * the entry: before, the entry's lease ran out during a MongoDB outage and the message was sent twice.
	 */
	private Mono<Boolean> recordSent(Notification entry, NotificationSent sent) {
		recording.add(entry.id());
		var recorded = ledger.sent(entry.id(), sent.template(), sent.locale(), sent.providerMessageId(), sent)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500))
				.maxBackoff(Duration.ofSeconds(5))
				.filter(ex -> ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessException)
				.doBeforeRetry(retry -> log.warn("Notification {} {} of order {} sent, recording it failed ({}): trying again",
						entry.milestone(), entry.channel(), entry.orderId(), retry.failure().getClass().getSimpleName())))
			.timeout(RECORD_SENT_FOR)
			.doOnNext(marked -> {
				metrics.sent(entry.channel(), entry.milestone());
				log.info("Notification {} {} of order {} sent", entry.milestone(), entry.channel(), entry.orderId());
			})
			.doOnError(ex -> log.error("Notification {} {} of order {} sent, but not recorded as sent: it may be sent "
					+ "again ({})", entry.milestone(), entry.channel(), entry.orderId(), ex.getClass().getName()))
			.doFinally(signal -> recording.remove(entry.id()))
			.toFuture();
		// suppressCancel: a caller giving up does not stop the recording
		return Mono.fromFuture(recorded, true);
	}

	/** Whether a message the provider took is being recorded as sent (no pass may take it meanwhile). */
	boolean recordingSent(String id) {
		return recording.contains(id);
	}

	private Mono<Boolean> failed(Notification entry, ProviderException failure, Audience audience) {
		var now = clock.instant();
		if (failure.permanent()) {
			log.warn("Notification {} {} of order {} refused by the provider: {}", entry.milestone(), entry.channel(),
					entry.orderId(), failure.code());
			metrics.failed(entry.channel(), entry.milestone());
			return ledger.end(entry.id(), Status.FAILED, null, failedEvent(entry, failure.code(), false));
		}
		if (!senders.available(entry.channel())) {
			var next = pick(entry.fallbacks(), audience);
			if (next >= 0 && senders.available(entry.fallbacks().get(next))) {
				return fallBack(entry, failure, audience, next);
			}
		}
		var backoff = settings.retry().backoff().multipliedBy(1L << Math.min(Math.max(entry.attempts() - 1, 0), 16));
		var retryAt = now.plus(backoff.compareTo(settings.retry().maxBackoff()) > 0 ? settings.retry().maxBackoff()
				: backoff);
		log.warn("Notification {} {} of order {} not sent, will retry at {}: {}", entry.milestone(), entry.channel(),
				entry.orderId(), retryAt, failure.code());
		metrics.retrying(entry.channel(), entry.milestone());
		return ledger.failedAttempt(entry.id(), failure.code(), retryAt, true, failedEvent(entry, failure.code(), true));
	}

	/** The channel's provider is unavailable: this message ends here and goes by the next channel. */
	private Mono<Boolean> fallBack(Notification entry, ProviderException failure, Audience audience, int next) {
		var channel = entry.fallbacks().get(next);
		log.warn("Notification {} {} of order {} goes by {}: {} unavailable ({})", entry.milestone(), entry.channel(),
				entry.orderId(), channel, entry.channel(), failure.code());
		metrics.failed(entry.channel(), entry.milestone());
		return ledger.end(entry.id(), Status.FAILED, null, failedEvent(entry, failure.code(), false))
			.flatMap(ended -> ended ? claim(nextClaim(entry, next, true), firstEvent(entry), audience, false)
				.thenReturn(true) : Mono.just(false));
	}

	/** The claim of an entry's message on its fallback channel {@code next}. */
	private static Claim nextClaim(Notification entry, int next, boolean counted) {
		return new Claim(entry.orderId(), entry.customerId(), entry.milestone(), entry.fallbacks().get(next),
				entry.details(), rest(entry.fallbacks(), next), entry.urgent(), counted);
	}

	private static UUID firstEvent(Notification entry) {
		return UUID.fromString(entry.appliedEvents().get(0));
	}

	private Mono<Boolean> suppress(Notification entry, Reason reason) {
		log.info("Notification {} {} of order {} suppressed: {}", entry.milestone(), entry.channel(), entry.orderId(),
				reason);
		metrics.suppressed(entry.channel(), entry.milestone(), reason);
		return ledger.end(entry.id(), Status.SUPPRESSED, reason, suppressed(entry, reason, null));
	}

	/** Gives up a PENDING entry that waited too long. */
	Mono<Boolean> expire(Notification entry) {
		log.warn("Notification {} {} of order {} expired after {} attempts", entry.milestone(), entry.channel(),
				entry.orderId(), entry.attempts());
		metrics.failed(entry.channel(), entry.milestone());
		return ledger.end(entry.id(), Status.FAILED, null,
				failedEvent(entry, entry.lastError() == null ? "EXPIRED" : entry.lastError(), false));
	}

	/** Whether an entry waited longer than the retries may take. */
	boolean expired(Notification entry, Instant now) {
		return entry.createdAt().plus(settings.retry().expireAfter()).isBefore(now);
	}

	/**
	 * The signed links of a message; in email the tracking and survey links go through click
	 * tracking and an open pixel is added (texts are short, and their delivery receipts come from
	 * the provider).
	 */
	private Templates.Links links(Notification entry) {
		var orderId = entry.orderId();
		var trackingPage = page("track", orderId, LinkPurpose.TRACKING);
		var preferences = page("preferences", orderId, LinkPurpose.PREFERENCES);
		var survey = entry.milestone() == Milestone.DELIVERED ? page("survey", orderId, LinkPurpose.SURVEY) : null;
		if (entry.channel() != Channel.EMAIL) {
			return new Templates.Links(trackingPage, preferences, survey, null);
		}
		var id = entry.notificationId();
		return new Templates.Links(tracking.click(id, trackingPage), preferences,
				survey == null ? null : tracking.click(id, survey), tracking.openPixel(id));
	}

	private String page(String page, String orderId, LinkPurpose purpose) {
		return linkSettings.baseUrl().replaceAll("/+$", "") + "/" + page + "/" + orderId + "?token="
				+ links.issue(orderId, purpose);
	}

	private String unsubscribeLink(Notification entry) {
		return linkSettings.serviceUrl().replaceAll("/+$", "") + "/api/v1/customer/orders/" + entry.orderId()
				+ "/unsubscribe?channel=EMAIL&token=" + links.issue(entry.orderId(), LinkPurpose.PREFERENCES);
	}

	private NotificationSuppressed suppressed(Claim claim, String notificationId, Reason reason, Instant deferredUntil) {
		return new NotificationSuppressed(UUID.randomUUID(), claim.orderId(), clock.instant(), notificationId,
				claim.customerId(), claim.channel(), claim.milestone(), reason, deferredUntil);
	}

	private NotificationSuppressed suppressed(Notification entry, Reason reason, Instant deferredUntil) {
		return new NotificationSuppressed(UUID.randomUUID(), entry.orderId(), clock.instant(), entry.notificationId(),
				entry.customerId(), entry.channel(), entry.milestone(), reason, deferredUntil);
	}

	private Event failedEvent(Notification entry, String code, boolean willRetry) {
		return new NotificationFailed(UUID.randomUUID(), entry.orderId(), clock.instant(), entry.notificationId(),
				entry.customerId(), entry.channel(), entry.milestone(), code, Math.max(entry.attempts(), 1), willRetry);
	}

	Duration recipientWait() {
		return settings.recipientWait();
	}

}
