package dev.postpurchase.pages.preferences;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A customer's message preferences as notification-service's customer API shows them.
 *
 * @param channels on or off per channel ({@code EMAIL}, {@code SMS}, {@code WHATSAPP})
 * @param language a language subtag overriding the order's; null: the order's
 * @param quietStart start of the quiet hours ({@code HH:mm}); null: the service's default
 * @param quietEnd end of the quiet hours ({@code HH:mm}); null with {@code quietStart}
 * @param timeZone an IANA zone overriding the order's; null: the order's
 * @param updatedAt when it last changed; null when never
 * @param updatedBy {@code customer-link} or {@code support}; null when never
 */
public record PreferenceState(Map<Channel, Boolean> channels, String language, String quietStart, String quietEnd,
		String timeZone, Instant updatedAt, String updatedBy) {

	/** The channels the pages offer, in the order shown. */
	public enum Channel {

		EMAIL, SMS, WHATSAPP

	}

	/** Reads the API's JSON; a channel it does not list counts as on (the service's default). */
	static PreferenceState read(JsonNode json) {
		var channels = new LinkedHashMap<Channel, Boolean>();
		for (var channel : Channel.values()) {
			var value = json.path("channels").path(channel.name());
			channels.put(channel, !value.isBoolean() || value.booleanValue());
		}
		var quiet = json.path("quietHours");
		var updatedAt = text(json.path("updatedAt"));
		return new PreferenceState(Map.copyOf(channels), text(json.path("language")), text(quiet.path("start")),
				text(quiet.path("end")), text(json.path("timeZone")), updatedAt == null ? null : Instant.parse(updatedAt),
				text(json.path("updatedBy")));
	}

	private static String text(JsonNode node) {
		return node.isString() && !node.asString().isBlank() ? node.asString() : null;
	}

}
