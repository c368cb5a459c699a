package dev.postpurchase.pages.preferences;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.util.MultiValueMap;

import dev.postpurchase.pages.preferences.PreferenceState.Channel;

/**
 * What the customer chose on the preferences form, checked as notification-service checks it:
 * channels on where ticked; a language subtag or empty (the order's); quiet hours as two different
 * {@code HH:mm} times or both empty (the default); an IANA time zone or empty (the order's).
 * Errors are message keys per field ({@code language}, {@code quietStart}, {@code quietEnd},
 * {@code timeZone}).
 */
public record PreferenceChoice(Map<Channel, Boolean> channels, String language, String quietStart, String quietEnd,
		String timeZone, Map<String, String> errors) {

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

	private static final Pattern HOUR_MINUTE = Pattern.compile("\\d{2}:\\d{2}");

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm")
		.withResolverStyle(ResolverStyle.STRICT);

	/** Reads the posted form; the channels are those the form shows, each on only when ticked. */
	public static PreferenceChoice read(MultiValueMap<String, String> form) {
		var errors = new LinkedHashMap<String, String>();
		var channels = new EnumMap<Channel, Boolean>(Channel.class);
		for (var channel : Channel.values()) {
			channels.put(channel, form.containsKey("channel-" + channel.name()));
		}
		var language = blankToNull(form.getFirst("language"));
		if (language != null && !LANGUAGE.matcher(language).matches()) {
			errors.put("language", "preferencesErrorLanguage");
		}
		var start = blankToNull(form.getFirst("quietStart"));
		var end = blankToNull(form.getFirst("quietEnd"));
		if (start != null || end != null) {
			if (!time(start)) {
				errors.put("quietStart", "preferencesErrorTime");
			}
			if (!time(end)) {
				errors.put("quietEnd", "preferencesErrorTime");
			}
			if (time(start) && time(end) && start.equals(end)) {
				errors.put("quietEnd", "preferencesErrorSameTimes");
			}
		}
		var timeZone = blankToNull(form.getFirst("timeZone"));
		if (timeZone != null && !ZoneId.getAvailableZoneIds().contains(timeZone)) {
			errors.put("timeZone", "preferencesErrorTimeZone");
		}
		return new PreferenceChoice(Map.copyOf(channels), language, start, end, timeZone, Map.copyOf(errors));
	}

	public boolean valid() {
		return errors.isEmpty();
	}

	/** The choice as a state, to show the form again as the customer left it. */
	public PreferenceState asState() {
		return new PreferenceState(channels, language, quietStart, quietEnd, timeZone, null, null);
	}

	private static boolean time(String value) {
		if (value == null || !HOUR_MINUTE.matcher(value).matches()) {
			return false;
		}
		try {
			LocalTime.parse(value, HH_MM);
			return true;
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

}
