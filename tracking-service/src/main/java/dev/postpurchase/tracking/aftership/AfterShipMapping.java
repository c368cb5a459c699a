package dev.postpurchase.tracking.aftership;

import static dev.postpurchase.contracts.shipment.TrackingStatus.ATTEMPT_FAIL;
import static dev.postpurchase.contracts.shipment.TrackingStatus.AVAILABLE_FOR_PICKUP;
import static dev.postpurchase.contracts.shipment.TrackingStatus.DELIVERED;
import static dev.postpurchase.contracts.shipment.TrackingStatus.EXCEPTION;
import static dev.postpurchase.contracts.shipment.TrackingStatus.EXPIRED;
import static dev.postpurchase.contracts.shipment.TrackingStatus.INFO_RECEIVED;
import static dev.postpurchase.contracts.shipment.TrackingStatus.IN_TRANSIT;
import static dev.postpurchase.contracts.shipment.TrackingStatus.OUT_FOR_DELIVERY;
import static dev.postpurchase.contracts.shipment.TrackingStatus.PENDING;
import static java.util.Map.entry;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.Location;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.tracking.aftership.AfterShipWebhook.Checkpoint;
import dev.postpurchase.tracking.aftership.AfterShipWebhook.Tracking;

/**
 * An AfterShip webhook as canonical carrier updates:
 * <ul>
 * <li>one per checkpoint, every time, in AfterShip's order (oldest first). AfterShip sends the whole
 * history on every event; a checkpoint the shipment already has changes nothing, so this costs a
 * comparison and makes a lost or late webhook harmless;</li>
 * <li>one for the tracking's own tag when no checkpoint carries it: a tracking without checkpoints,
 * or Expired, which AfterShip sets on the tracking rather than on a scan. Its time is the delivery or
 * first attempt time when the tag is about that, else {@code updated_at}, else {@code ts}. Pending
 * is no news (every shipment starts there) and would look like a scan, so it gives none;</li>
 * <li>the carrier's estimate ({@code expected_delivery}, else the courier's, else AfterShip's own
 * estimated delivery date) on the last of them.</li>
 * </ul>
 * Tags are the status taxonomy's, one for one; the sub-status is AfterShip's subtag as given; an
 * Exception's reason comes from its subtag ({@link ExceptionSubtags}). Checkpoint times are passed on
 * as AfterShip gives them (the carrier's local time, often without offset) with the time zone of the
 * checkpoint's country when it has only one ({@link CountryZones}), so the local time is read there; a
 * checkpoint without a country is in the origin or the destination country, and gets their zone when
 * they share one. A date-only estimate means the end of that day at the destination.
 * <p>
 * Everything is checked before anything is applied: a payload with a problem is refused whole, with
 * every problem named by its AfterShip field.
 */
final class AfterShipMapping {

	private static final Logger log = LoggerFactory.getLogger(AfterShipMapping.class);

	/** AfterShip's tags (https://www.aftership.com/docs/tracking/enum/delivery-statuses), the taxonomy's statuses. */
	private static final Map<String, TrackingStatus> TAGS = Map.ofEntries(entry("Pending", PENDING),
			entry("InfoReceived", INFO_RECEIVED), entry("InTransit", IN_TRANSIT),
			entry("OutForDelivery", OUT_FOR_DELIVERY), entry("AttemptFail", ATTEMPT_FAIL),
			entry("AvailableForPickup", AVAILABLE_FOR_PICKUP), entry("Exception", EXCEPTION), entry("Expired", EXPIRED),
			entry("Delivered", DELIVERED));

	private static final String TAG_VALUES = "[Pending, InfoReceived, InTransit, OutForDelivery, AttemptFail, "
			+ "AvailableForPickup, Exception, Expired, Delivered]";

	private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

	private AfterShipMapping() {
	}

	/**
	 * The updates the webhook carries, in the order to apply them; none for a tracking still Pending
	 * without checkpoints.
	 *
	 * @throws InvalidAfterShipPayloadException naming every field that is missing or not as documented
	 */
	static List<InboundTrackingUpdate> updates(AfterShipWebhook webhook) {
		var msg = webhook.msg();
		if (msg == null) {
			throw new InvalidAfterShipPayloadException(List.of("msg: required"));
		}
		var errors = new ArrayList<String>();
		var carrier = required("msg.slug", msg.slug(), errors);
		var trackingNumber = required("msg.tracking_number", msg.trackingNumber(), errors);
		var originZone = CountryZones.of(msg.originCountryIso3());
		var destinationZone = CountryZones.of(msg.destinationCountryIso3());
		var domesticZone = originZone != null && originZone.equals(destinationZone) ? originZone : null;
		var updates = new ArrayList<InboundTrackingUpdate>();
		var scanned = EnumSet.noneOf(TrackingStatus.class);
		var checkpoints = msg.checkpoints() == null ? List.<Checkpoint>of() : msg.checkpoints();
		for (int i = 0; i < checkpoints.size(); i++) {
			var field = "msg.checkpoints[" + i + "]";
			var checkpoint = checkpoints.get(i);
			if (checkpoint == null) {
				errors.add(field + ": a checkpoint object is required");
				continue;
			}
			var status = status(field + ".tag", checkpoint.tag(), true, errors);
			var time = carrierTime(field + ".checkpoint_time", checkpoint.checkpointTime(), errors);
			if (status == null || time == null) {
				continue;
			}
			scanned.add(status);
			var country = text(checkpoint.countryIso3());
			var zone = country == null ? domesticZone : CountryZones.of(country);
			updates.add(new InboundTrackingUpdate(carrier, trackingNumber, time, status, text(checkpoint.subtag()),
					reason(status, checkpoint.subtag()), firstText(checkpoint.message(), checkpoint.subtagMessage()),
					location(firstText(checkpoint.city(), checkpoint.location()), text(checkpoint.zip()), country, zone),
					null));
		}
		var tag = status("msg.tag", msg.tag(), false, errors);
		if (tag != null && tag != PENDING && !scanned.contains(tag)) {
			var time = trackingTime(webhook, tag, errors);
			if (time != null) {
				var zone = hasOffset(time) ? null : destinationZone;
				updates.add(new InboundTrackingUpdate(carrier, trackingNumber, time, tag, text(msg.subtag()),
						reason(tag, msg.subtag()), text(msg.subtagMessage()), location(null, null, null, zone), null));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidAfterShipPayloadException(errors);
		}
		var estimate = estimate(msg, destinationZone);
		if (estimate != null && !updates.isEmpty()) {
			var last = updates.remove(updates.size() - 1);
			updates.add(new InboundTrackingUpdate(last.carrier(), last.trackingNumber(), last.checkpointTime(),
					last.status(), last.subStatus(), last.reason(), last.message(), last.location(), estimate));
		}
		return List.copyOf(updates);
	}

	/** The tracking's tag for a metric: one of AfterShip's tags, {@code other} or {@code none}. */
	static String metricTag(AfterShipWebhook webhook) {
		var tag = webhook.msg() == null ? null : text(webhook.msg().tag());
		return tag == null ? "none" : TAGS.containsKey(tag) ? tag : "other";
	}

	private static TrackingStatus status(String field, String tag, boolean required, List<String> errors) {
		var value = text(tag);
		if (value == null) {
			if (required) {
				errors.add(field + ": required");
			}
			return null;
		}
		var status = TAGS.get(value);
		if (status == null) {
			errors.add(field + ": unknown tag; accepted values: " + TAG_VALUES);
		}
		return status;
	}

	private static ExceptionReason reason(TrackingStatus status, String subtag) {
		return status == EXCEPTION ? ExceptionSubtags.reason(subtag) : null;
	}

	/**
	 * The time of the tracking's own tag: a delivery or failed attempt has its own time, anything else
	 * happened at the latest when the tracking last changed, or when the event occurred.
	 */
	private static String trackingTime(AfterShipWebhook webhook, TrackingStatus tag, List<String> errors) {
		var msg = webhook.msg();
		if (tag == DELIVERED && text(msg.shipmentDeliveryDate()) != null) {
			return carrierTime("msg.shipment_delivery_date", msg.shipmentDeliveryDate(), errors);
		}
		if (tag == ATTEMPT_FAIL && text(msg.firstAttemptedAt()) != null) {
			return carrierTime("msg.first_attempted_at", msg.firstAttemptedAt(), errors);
		}
		if (text(msg.updatedAt()) != null) {
			return carrierTime("msg.updated_at", msg.updatedAt(), errors);
		}
		return webhook.ts() == null ? null : Instant.ofEpochSecond(webhook.ts()).toString();
	}

	/**
	 * A carrier time as given when it is an ISO-8601 date-time, with or without offset; a date alone
	 * is the start of that day.
	 */
	private static String carrierTime(String field, String value, List<String> errors) {
		var time = text(value);
		if (time == null) {
			errors.add(field + ": required");
			return null;
		}
		if (hasOffset(time) || isLocalDateTime(time)) {
			return time;
		}
		try {
			return LocalDate.parse(time).atStartOfDay().toString();
		}
		catch (DateTimeException ex) {
			errors.add(field + ": not an ISO-8601 date-time, e.g. 2026-05-12T08:30:00 or 2026-05-12T08:30:00+02:00");
			return null;
		}
	}

	/**
	 * The carrier's estimate, first of {@code expected_delivery} (the carrier's, since March 2023),
	 * {@code courier_estimated_delivery_date} and {@code aftership_estimated_delivery_date} (AfterShip's
	 * prediction), the latest end of a range when there is no single date. Without offset it is read
	 * at the destination; a date alone means the end of that day there. An unreadable estimate is left
	 * out rather than refusing the scans that came with it.
	 */
	private static String estimate(Tracking msg, ZoneId destinationZone) {
		var courier = msg.courierEstimatedDeliveryDate();
		var aftership = msg.aftershipEstimatedDeliveryDate();
		var candidates = new String[][] { { "expected_delivery", msg.expectedDelivery() },
				{ "courier_estimated_delivery_date", courier == null ? null
						: firstText(courier.estimatedDeliveryDate(), courier.estimatedDeliveryDateMax()) },
				{ "aftership_estimated_delivery_date", aftership == null ? null
						: firstText(aftership.estimatedDeliveryDate(), aftership.estimatedDeliveryDateMax()) } };
		for (var candidate : candidates) {
			var value = text(candidate[1]);
			if (value == null) {
				continue;
			}
			var estimate = estimateTime(value, destinationZone);
			if (estimate != null) {
				return estimate;
			}
			log.warn("Ignoring AfterShip's msg.{}: not an ISO-8601 date or date-time", candidate[0]);
		}
		return null;
	}

	private static String estimateTime(String value, ZoneId zone) {
		if (hasOffset(value)) {
			return value;
		}
		LocalDateTime local;
		try {
			local = LocalDateTime.parse(value);
		}
		catch (DateTimeException notADateTime) {
			try {
				local = LocalDate.parse(value).atTime(END_OF_DAY);
			}
			catch (DateTimeException ex) {
				return null;
			}
		}
		return zone == null ? local.toString() : local.atZone(zone).toOffsetDateTime().toString();
	}

	private static Location location(String city, String postalCode, String country, ZoneId zone) {
		if (city == null && postalCode == null && country == null && zone == null) {
			return null;
		}
		return new Location(city, postalCode, country, zone == null ? null : zone.getId());
	}

	private static boolean hasOffset(String time) {
		try {
			OffsetDateTime.parse(time);
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	private static boolean isLocalDateTime(String time) {
		try {
			LocalDateTime.parse(time);
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	private static String required(String field, String value, List<String> errors) {
		var text = text(value);
		if (text == null) {
			errors.add(field + ": required");
		}
		return text;
	}

	private static String firstText(String first, String second) {
		var text = text(first);
		return text != null ? text : text(second);
	}

	private static String text(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

}
