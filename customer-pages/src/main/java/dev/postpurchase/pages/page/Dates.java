package dev.postpurchase.pages.page;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Dates and times as the pages word them, in the customer's language: a day as "Tuesday 14 May"
 * ("Dienstag, 14. Mai", "dinsdag 14 mei", "mardi 14 mai") and a time as "10:42" (24 hours in every
 * language: the shops are European). Instants are shown in the zone the caller gives, the customer's.
 */
public final class Dates {

	private static final Map<String, String> DAY_PATTERNS = Map.of("en", "EEEE d MMMM", "de", "EEEE, d. MMMM", "nl",
			"EEEE d MMMM", "fr", "EEEE d MMMM");

	private static final Map<String, String> SHORT_DAY_PATTERNS = Map.of("en", "EEE d MMM", "de", "EEE, d. MMM", "nl",
			"EEE d MMM", "fr", "EEE d MMM");

	private static final Map<String, String> DAY_MONTH_PATTERNS = Map.of("en", "d MMM", "de", "d. MMM", "nl", "d MMM",
			"fr", "d MMM");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private Dates() {
	}

	/** The day, for example "Tuesday 14 May". */
	public static String day(LocalDate date, Locale locale) {
		return date.format(DateTimeFormatter.ofPattern(DAY_PATTERNS.getOrDefault(locale.getLanguage(), "EEEE d MMMM"),
				locale));
	}

	/** The day of an instant in {@code zone}. */
	public static String day(Instant instant, ZoneId zone, Locale locale) {
		return day(instant.atZone(zone).toLocalDate(), locale);
	}

	/** A short day for lists, for example "Tue 14 May". */
	public static String shortDay(Instant instant, ZoneId zone, Locale locale) {
		return instant.atZone(zone).format(DateTimeFormatter
			.ofPattern(SHORT_DAY_PATTERNS.getOrDefault(locale.getLanguage(), "EEE d MMM"), locale));
	}

	/** A day without the weekday, for chart axes, for example "14 May" ("14. Mai"). */
	public static String dayMonth(LocalDate date, Locale locale) {
		return date.format(
				DateTimeFormatter.ofPattern(DAY_MONTH_PATTERNS.getOrDefault(locale.getLanguage(), "d MMM"), locale));
	}

	/** The time of day of an instant in {@code zone}, for example "10:42". */
	public static String time(Instant instant, ZoneId zone) {
		return instant.atZone(zone).format(TIME);
	}

	/** The instant for a {@code <time datetime>} attribute, in the zone it is shown in. */
	public static String machine(Instant instant, ZoneId zone) {
		return instant.atZone(zone).toOffsetDateTime().toString();
	}

	/** The zone {@code id} names, or {@code fallback} when it names none. */
	public static ZoneId zone(String id, ZoneId fallback) {
		if (id == null || id.isBlank()) {
			return fallback;
		}
		try {
			return ZoneId.of(id.trim());
		}
		catch (RuntimeException unknown) {
			return fallback;
		}
	}

}
