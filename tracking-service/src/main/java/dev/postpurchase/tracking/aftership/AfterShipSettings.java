package dev.postpurchase.tracking.aftership;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * AfterShip tracking webhooks.
 *
 * @param webhookSecret the webhook secret of the AfterShip organization (Settings, Webhooks), which
 * signs every delivery; without it every webhook is refused with 401
 * @param previousWebhookSecret the secret being rotated out, accepted as well while set: put the new
 * one in {@code webhook-secret} and the old one here, and remove it once AfterShip signs with the new
 * one
 * @param acceptEventsFor how old a delivery's signed {@code ts} may be: AfterShip retries a failed
 * delivery with the original payload for about 5.7 days (14 attempts, {@code 2^n × 30 s} apart), so
 * this covers that window; an older body is a replay and is refused
 * @param rememberDeliveriesFor how long a handled {@code event_id} is remembered, to answer a
 * redelivery without handling it again; at least {@code acceptEventsFor}, so that every delivery
 * still accepted is also still recognized
 * @param sweepInterval how often expired delivery ids are forgotten
 */
@ConfigurationProperties("tracking.aftership")
public record AfterShipSettings(String webhookSecret, String previousWebhookSecret,
		@DefaultValue("7d") Duration acceptEventsFor, @DefaultValue("8d") Duration rememberDeliveriesFor,
		@DefaultValue("10m") Duration sweepInterval) {

	public AfterShipSettings {
		if (rememberDeliveriesFor.compareTo(acceptEventsFor) < 0) {
			throw new IllegalArgumentException(
					"tracking.aftership.remember-deliveries-for must not be shorter than accept-events-for");
		}
	}

	/** The secrets a delivery may be signed with, current first; blank ones are left out. */
	List<String> webhookSecrets() {
		return Stream.of(webhookSecret, previousWebhookSecret).filter(secret -> secret != null && !secret.isBlank())
			.toList();
	}

	@Override
	public String toString() {
		// never the secrets
		return "AfterShipSettings[webhookSecret=" + (webhookSecret == null || webhookSecret.isBlank() ? "unset" : "***")
				+ ", previousWebhookSecret="
				+ (previousWebhookSecret == null || previousWebhookSecret.isBlank() ? "unset" : "***")
				+ ", acceptEventsFor=" + acceptEventsFor + ", rememberDeliveriesFor=" + rememberDeliveriesFor
				+ ", sweepInterval=" + sweepInterval + "]";
	}

}
