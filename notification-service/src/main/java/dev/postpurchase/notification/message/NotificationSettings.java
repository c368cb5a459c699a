package dev.postpurchase.notification.message;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;

/**
 * What notification-service sends, when, and how it retries; the defaults are documented in
 * {@code notification-service.yml}.
 *
 * @param rules which trigger makes which milestone, on which channels in order of preference
 * @param retry the retry of messages whose send failed
 */
@ConfigurationProperties("notifications")
public record NotificationSettings(@DefaultValue List<Rule> rules, @DefaultValue Retry retry) {

	/** The rule of a trigger, if any. */
	public java.util.Optional<Rule> ruleFor(Trigger trigger) {
		return rules.stream().filter(rule -> rule.trigger() == trigger).findFirst();
	}

	/**
	 * @param trigger the event that makes the milestone
	 * @param milestone what the customer hears about
	 * @param channels in order of preference (only EMAIL is sent so far)
	 */
	public record Rule(Trigger trigger, Milestone milestone, List<Channel> channels) {

	}

	/**
	 * @param interval between two retry passes
	 * @param lease how long one attempt holds a message before it may be tried again
	 * @param expireAfter since the first attempt, after which a message is given up
	 */
	public record Retry(@DefaultValue("1m") Duration interval, @DefaultValue("2m") Duration lease,
			@DefaultValue("24h") Duration expireAfter) {

	}

}
