package dev.postpurchase.notification.preference.web;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.kit.web.InvalidInput;
import dev.postpurchase.notification.preference.Preference.QuietHours;
import dev.postpurchase.notification.preference.PreferenceChange;
import dev.postpurchase.notification.preference.PreferenceChange.Setting;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of a preferences PUT, the shape of {@link PreferenceView}. Each field present
 * replaces its stored value ({@code null}: back to the default); absent fields stay as they are; in
 * {@code channels} only the channels listed change. The read-only fields of the view may be sent back
 * and are ignored. Every broken rule is reported at once, naming the field, never echoing values.
 */
final class PreferenceRequest {

	private static final Set<String> READ_ONLY = Set.of("customerId", "orderId", "updatedAt", "updatedBy");

	private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}");

	private static final Pattern HOUR_MINUTE = Pattern.compile("\\d{2}:\\d{2}");

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final String CHANNEL_NAMES = Arrays.stream(Channel.values())
		.map(Channel::name)
		.collect(Collectors.joining(", "));

	private final List<String> errors = new ArrayList<>();

	private PreferenceRequest() {
	}

	/** The change the body asks for; a 400 problem listing every broken rule otherwise. */
	static PreferenceChange read(JsonNode body) {
		return new PreferenceRequest().change(body);
	}

	private PreferenceChange change(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new InvalidInput("Invalid preferences", List.of("body: expected a JSON object"));
		}
		var channels = new EnumMap<Channel, Boolean>(Channel.class);
		var given = EnumSet.noneOf(Setting.class);
		String language = null;
		QuietHours quietHours = null;
		String timeZone = null;
		for (var field : body.properties()) {
			var value = field.getValue();
			switch (field.getKey()) {
				case "channels" -> channels(value, channels);
				case "language" -> {
					given.add(Setting.LANGUAGE);
					language = language(value);
				}
				case "quietHours" -> {
					given.add(Setting.QUIET_HOURS);
					quietHours = quietHours(value);
				}
				case "timeZone" -> {
					given.add(Setting.TIME_ZONE);
					timeZone = timeZone(value);
				}
				default -> {
					if (!READ_ONLY.contains(field.getKey())) {
						errors.add(name(field.getKey()) + ": unknown property; accepted: channels, language, quietHours, timeZone");
					}
				}
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInput("Invalid preferences", errors);
		}
		return new PreferenceChange(channels, given, language, quietHours, timeZone);
	}

	private void channels(JsonNode value, EnumMap<Channel, Boolean> channels) {
		if (!value.isObject()) {
			errors.add("channels: expected an object of channel to true or false, e.g. {\"SMS\": false}");
			return;
		}
		for (var entry : value.properties()) {
			var channel = Arrays.stream(Channel.values()).filter(known -> known.name().equals(entry.getKey())).findFirst();
			if (channel.isEmpty()) {
				errors.add("channels." + name(entry.getKey()) + ": unknown channel; one of " + CHANNEL_NAMES);
			}
			else if (!entry.getValue().isBoolean()) {
				errors.add("channels." + entry.getKey() + ": expected true or false");
			}
			else {
				channels.put(channel.get(), entry.getValue().booleanValue());
			}
		}
	}

	private String language(JsonNode value) {
		if (value.isNull()) {
			return null;
		}
		if (!value.isString() || !LANGUAGE.matcher(value.asString()).matches()) {
			errors.add("language: expected a language subtag of 2 or 3 letters (BCP 47), e.g. de, or null");
			return null;
		}
		return value.asString().toLowerCase(Locale.ROOT);
	}

	private QuietHours quietHours(JsonNode value) {
		if (value.isNull()) {
			return null;
		}
		if (!value.isObject()) {
			errors.add("quietHours: expected {\"start\": \"HH:mm\", \"end\": \"HH:mm\"} or null");
			return null;
		}
		for (var key : value.propertyNames()) {
			if (!key.equals("start") && !key.equals("end")) {
				errors.add("quietHours." + name(key) + ": unknown property; accepted: start, end");
			}
		}
		var start = time(value.get("start"), "quietHours.start");
		var end = time(value.get("end"), "quietHours.end");
		if (start == null || end == null) {
			return null;
		}
		if (start.equals(end)) {
			errors.add("quietHours: start and end must differ");
			return null;
		}
		return new QuietHours(start, end);
	}

	private LocalTime time(JsonNode value, String field) {
		if (value == null || value.isNull()) {
			errors.add(field + ": required, HH:mm");
			return null;
		}
		if (value.isString() && HOUR_MINUTE.matcher(value.asString()).matches()) {
			try {
				return LocalTime.parse(value.asString(), HH_MM);
			}
			catch (DateTimeParseException ex) {
				// 24:00, 12:60: reported below
			}
		}
		errors.add(field + ": expected a time of day as HH:mm, 00:00 to 23:59");
		return null;
	}

	private String timeZone(JsonNode value) {
		if (value.isNull()) {
			return null;
		}
		if (!value.isString() || !ZoneId.getAvailableZoneIds().contains(value.asString())) {
			errors.add("timeZone: expected an IANA time zone id, e.g. Europe/Amsterdam, or null");
			return null;
		}
		return value.asString();
	}

	/** A property name as the client sent it, cut short: it is the client's text, not ours. */
	private static String name(String key) {
		var printable = key.replaceAll("[^\\p{Alnum}_.-]", "?");
		return printable.length() > 40 ? printable.substring(0, 40) + "…" : printable;
	}

}
