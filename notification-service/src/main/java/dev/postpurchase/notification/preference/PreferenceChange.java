package dev.postpurchase.notification.preference;

import java.util.Map;
import java.util.Set;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.notification.preference.Preference.QuietHours;

/**
 * One request's change to a customer's preferences: the channels it switches on or off (channels
 * it does not list stay as they are) and the settings it names, each replaced by the value given,
 * where {@code null} means back to the default. Settings it does not name stay as they are.
 *
 * @param channels on ({@code true}) or off ({@code false}) per channel
 * @param given the settings this change replaces
 * @param language the language subtag, when {@link Setting#LANGUAGE} is given
 * @param quietHours the quiet hours, when {@link Setting#QUIET_HOURS} is given
 * @param timeZone the IANA zone id, when {@link Setting#TIME_ZONE} is given
 */
public record PreferenceChange(Map<Channel, Boolean> channels, Set<Setting> given, String language,
		QuietHours quietHours, String timeZone) {

	/** The settings besides channels. */
	public enum Setting {

		LANGUAGE, QUIET_HOURS, TIME_ZONE

	}

	public PreferenceChange {
		channels = Map.copyOf(channels);
		given = Set.copyOf(given);
	}

	/** Whether this change replaces {@code setting}. */
	public boolean gives(Setting setting) {
		return given.contains(setting);
	}

}
