package dev.postpurchase.tracking.aftership;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * An AfterShip Tracking webhook, reduced to what tracking-service reads from it. AfterShip documents
 * the envelope in its webhook specification
 * (https://www.aftership.com/docs/tracking/webhook/webhook-specifications) and {@code msg} as its
 * Tracking and Checkpoint models (https://www.aftership.com/docs/tracking/model/tracking,
 * .../model/checkpoint). Names are AfterShip's (snake_case); where newer webhook versions renamed a
 * field ({@code country_region} for {@code country_iso3}, {@code postal_code} for {@code zip}) both are
 * read. Everything else is not read at all: personal data ({@code customer_name}, {@code emails},
 * {@code smses}, the destination address), and what a canonical update has no place for (a
 * checkpoint's {@code state}, {@code coordinates} and {@code country_name}, of which the ISO code is
 * kept; {@code is_tracking_first_tag}, as the shipment itself knows what is new).
 *
 * @param event {@code tracking_update}, {@code edd_revise} or {@code tracking_pending_time}
 * @param eventId a UUID per event, the same on every retry of it
 * @param ts when the event occurred, Unix seconds; inside the signed body
 */
record AfterShipWebhook(String event, String eventId, Long ts, Tracking msg) {

	/**
	 * The tracking the event is about, as it is now: its status ({@code tag}) and all its
	 * checkpoints, oldest first.
	 *
	 * @param expectedDelivery the carrier's estimate ({@code 2026-05-12}, or a date-time with or
	 * without offset)
	 * @param shipmentDeliveryDate when it was delivered (carrier local time)
	 * @param firstAttemptedAt the first delivery attempt (carrier local time)
	 * @param updatedAt the tracking's last change, with offset
	 */
	record Tracking(String trackingNumber, String slug, String tag, String subtag, String subtagMessage,
			@JsonAlias("origin_country_region") String originCountryIso3,
			@JsonAlias("destination_country_region") String destinationCountryIso3, String expectedDelivery,
			Estimate courierEstimatedDeliveryDate, Estimate aftershipEstimatedDeliveryDate, String firstAttemptedAt,
			String shipmentDeliveryDate, String updatedAt, List<Checkpoint> checkpoints) {
	}

	/**
	 * One carrier scan.
	 *
	 * @param checkpointTime the carrier's local time of the scan, often without offset
	 * @param countryIso3 ISO 3166-1 alpha-3 code of where the scan happened
	 * @param location the carrier's free-text location
	 */
	record Checkpoint(String checkpointTime, String tag, String subtag, String subtagMessage, String message,
			String location, String city, @JsonAlias("postal_code") String zip,
			@JsonAlias("country_region") String countryIso3) {
	}

	/**
	 * An estimated delivery date ({@code aftership_estimated_delivery_date},
	 * {@code courier_estimated_delivery_date}): one date, or a range up to {@code estimatedDeliveryDateMax}.
	 */
	record Estimate(String estimatedDeliveryDate, String estimatedDeliveryDateMax) {
	}

}
