package dev.postpurchase.notification.message;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;

/**
 * What notification-service sends, when, and how it retries; the defaults are documented in
 * {@code notification-service.yml}.
 *
 * @param rules which trigger makes which milestone, on which channels, how urgently
 * @param quietHours when texts (SMS, WhatsApp) wait for the morning
 * @param collapseWindow how long a message about a shipment's progress waits for a newer one that
 *     replaces it ({@code 0} sends at once)
 * @param collapsible the milestones a newer one of the same order replaces within the window
 * @param dailyCap at most this many messages per order and day (in the customer's time zone);
 *     messages of urgency HIGH are neither counted nor capped
 * @param recipientWait how long a message waits for the order's contact data (an event that
 *     overtook its OrderPlaced) before it is suppressed for lack of them
 * @param retry the retry of messages whose send failed
 */
@ConfigurationProperties("notifications")
public record NotificationSettings(@DefaultValue List<Rule> rules, @DefaultValue QuietHours quietHours,
		@DefaultValue("2m") Duration collapseWindow,
		@DefaultValue({ "SHIPPED", "OUT_FOR_DELIVERY", "DELAYED", "DELIVERY_ISSUE", "DELIVERED" }) Set<Milestone> collapsible,
		@DefaultValue("5") int dailyCap, @DefaultValue("30m") Duration recipientWait, @DefaultValue Retry retry) {

	public NotificationSettings {
		var triggers = rules.stream().map(Rule::trigger).toList();
		if (triggers.size() != Set.copyOf(triggers).size()) {
			throw new IllegalArgumentException("notifications.rules: one rule per trigger, found " + triggers);
		}
		for (var rule : rules) {
			if (rule.trigger() == null || rule.milestone() == null || rule.channels() == null
					|| rule.channels().isEmpty()) {
				throw new IllegalArgumentException("notifications.rules: every rule needs a trigger, a milestone and "
						+ "at least one channel: " + rule);
			}
		}
		if (dailyCap < 1) {
			throw new IllegalArgumentException("notifications.daily-cap: at least 1");
		}
	}

	/** The rule of a trigger, if any. */
	public Optional<Rule> ruleFor(Trigger trigger) {
		return rules.stream().filter(rule -> rule.trigger() == trigger).findFirst();
	}

	/**
	 * @param trigger the event that makes the milestone
	 * @param milestone what the customer hears about
	 * @param channels in order of preference
	 * @param delivery whether the message goes on the first channel that can take it, or on all
	 * @param urgency HIGH messages are not held by the daily cap
	 */
	public record Rule(Trigger trigger, Milestone milestone, List<Channel> channels,
			@DefaultValue("FIRST_AVAILABLE") Delivery delivery, @DefaultValue("NORMAL") Urgency urgency) {

	}

	/** On how many of a rule's channels a message goes. */
	public enum Delivery {

		/**
		 * The first channel, in the rule's order, the customer can be reached on (contact data,
		 * consent, not opted out, the channel configured and its provider's circuit not open); when
		 * that provider fails later, the next channel.
		 */
		FIRST_AVAILABLE,

		/** Every channel the customer can be reached on. */
		ALL

	}

	/** How much a message matters. */
	public enum Urgency {

		NORMAL, HIGH

	}

	/**
	 * @param start when quiet hours begin, local time of the customer
	 * @param end when they end: deferred texts go out then
	 * @param defaultZone the store's time zone, for customers whose time zone is unknown
	 * @param channels the channels that respect quiet hours (email waits in the inbox anyway)
	 */
	public record QuietHours(@DefaultValue("21:00") LocalTime start, @DefaultValue("08:00") LocalTime end,
			@DefaultValue("Europe/Amsterdam") ZoneId defaultZone,
			@DefaultValue({ "SMS", "WHATSAPP" }) Set<Channel> channels) {

	}

	/**
	 * @param interval between two passes over due messages (retries, deferred and held ones)
	 * @param lease how long one attempt holds a message before it may be tried again
	 * @param backoff after a failed attempt, the wait before the next; doubled per attempt
	 * @param maxBackoff the longest wait between two attempts
	 * @param expireAfter since the message was created, after which it is given up
	 */
	public record Retry(@DefaultValue("30s") Duration interval, @DefaultValue("2m") Duration lease,
			@DefaultValue("1m") Duration backoff, @DefaultValue("30m") Duration maxBackoff,
			@DefaultValue("24h") Duration expireAfter) {

	}

}
