package dev.postpurchase.tracking.shipment;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.postpurchase.contracts.shipment.Location;

/**
 * Carriers' timestamps: ISO-8601 with an offset, or local times without one, which are read in the
 * checkpoint location's time zone when it is known (and as UTC otherwise, the least surprising
 * guess for aggregated feeds).
 */
final class CarrierTime {

	/**
	 * The times a parcel can have. ISO-8601 reaches a billion years either way, MongoDB's dates
	 * (milliseconds in a long) only 292 million: such a time would fail only when stored, as a 500.
	 */
	private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

	private CarrierTime() {
	}

	/** The instant of a carrier time; null for null; an IllegalArgumentException naming the field otherwise. */
	static Instant parse(String field, String value, Location location) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Instant instant;
		try {
			instant = OffsetDateTime.parse(value.trim()).toInstant();
		}
		catch (DateTimeException withoutOffset) {
			try {
				instant = LocalDateTime.parse(value.trim()).atZone(zoneOf(location)).toInstant();
			}
			catch (DateTimeException ex) {
				throw new IllegalArgumentException(field + ": not an ISO-8601 date-time, e.g. 2026-05-12T08:30:00+02:00");
			}
		}
		return requireInRange(field, instant);
	}

	/** The instant, when it is null or between 1970 and 9999; an IllegalArgumentException naming the field otherwise. */
	static Instant requireInRange(String field, Instant instant) {
		if (instant != null && (instant.isBefore(EARLIEST) || instant.isAfter(LATEST))) {
			throw new IllegalArgumentException(field + ": must be between 1970 and 9999");
		}
		return instant;
	}

	private static ZoneId zoneOf(Location location) {
		if (location != null && location.timeZone() != null) {
			try {
				return ZoneId.of(location.timeZone());
			}
			catch (DateTimeException unknown) {
				return ZoneOffset.UTC;
			}
		}
		return ZoneOffset.UTC;
	}

}
