package dev.postpurchase.tracking.exception;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Set;

/**
 * Business-time arithmetic for stalls: every hour of a business day counts (carriers scan around the
 * clock), no hour of a Saturday, Sunday or holiday does, in the time zone the parcel is judged in.
 */
final class BusinessHours {

	/** Beyond ten years of holidays, there is no business time left to count. */
	private static final int MAX_DAYS = 3660;

	private final ZoneId zone;

	private final Set<LocalDate> holidays;

	BusinessHours(ZoneId zone, Collection<LocalDate> holidays) {
		this.zone = zone;
		this.holidays = Set.copyOf(holidays);
	}

	boolean isBusinessDay(LocalDate date) {
		return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY
				&& !holidays.contains(date);
	}

	/** The instant {@code amount} of business time after {@code start}; null when there is none. */
	Instant plus(Instant start, Duration amount) {
		var remaining = amount;
		var at = start.atZone(zone);
		for (int day = 0; day < MAX_DAYS; day++) {
			var date = at.toLocalDate();
			var nextDay = date.plusDays(1).atStartOfDay(zone);
			if (isBusinessDay(date)) {
				var available = Duration.between(at, nextDay);
				if (remaining.compareTo(available) <= 0) {
					return at.toInstant().plus(remaining);
				}
				remaining = remaining.minus(available);
			}
			at = nextDay;
		}
		return null;
	}

}
