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

	private CarrierTime() {
	}

	/** The instant of a carrier time; null for null; an IllegalArgumentException naming the field otherwise. */
	static Instant parse(String field, String value, Location location) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value.trim()).toInstant();
		}
		catch (DateTimeException withoutOffset) {
			try {
				return LocalDateTime.parse(value.trim()).atZone(zoneOf(location)).toInstant();
			}
			catch (DateTimeException ex) {
				throw new IllegalArgumentException(field + ": not an ISO-8601 date-time, e.g. 2026-05-12T08:30:00+02:00");
			}
		}
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
