package dev.postpurchase.pages.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * An order as order-service's customer view shows it, reduced to what the tracking page uses. Codes
 * (statuses, reasons, kinds) stay strings, so a value added later shows a general phrase instead of
 * breaking the page. The carrier's free-text checkpoint message is deliberately not read: it can
 * name who signed for a parcel, and the page words every status itself.
 *
 * @param status order-service's {@code OrderStatus} ({@code PLACED} ... {@code CANCELLED})
 * @param locale the customer's locale from checkout (BCP 47); may be null
 * @param timeZone the customer's time zone from checkout; may be null
 * @param returnToken a RETURN link token for the return request page; may be null
 * @param preferencesToken a PREFERENCES link token for the preferences page; may be null
 */
public record TrackedOrder(String orderId, String status, Instant placedAt, Promise promise, String locale,
		String timeZone, List<Item> items, List<Parcel> parcels, List<Issue> openIssues, List<Return> returns,
		String returnToken, String preferencesToken) {

	/** The delivery promise: by {@code by}, or between {@code from} and {@code by}; in {@code timeZone}. */
	public record Promise(Instant from, Instant by, String timeZone) {
	}

	public record Item(String name, int quantity) {
	}

	/**
	 * A parcel to the customer ({@code OUTBOUND}) or back ({@code RETURN}).
	 *
	 * @param status the carrier status tag ({@code InTransit}, {@code Delivered}, ...)
	 * @param promiseState {@code ON_TRACK}, {@code AT_RISK}, {@code LATE}, {@code DELIVERED_...}
	 * @param checkpoints newest first
	 */
	public record Parcel(String carrier, String trackingNumber, String direction, String status,
			String promiseState, Instant estimatedDelivery, Instant deliveredAt, List<Checkpoint> checkpoints) {

		public boolean outbound() {
			return !"RETURN".equals(direction);
		}

		public boolean delivered() {
			return deliveredAt != null || "Delivered".equals(status);
		}

	}

	/** A carrier scan without the carrier's text: time, status codes, and the city and country. */
	public record Checkpoint(Instant occurredAt, String status, String subStatus, String reason, String city,
			String country) {
	}

	/**
	 * An open delivery problem: its kind ({@code LATE}, {@code FAILED_ATTEMPT}, ...), its reason
	 * ({@code CARRIER_DELAY}, ...; may be null), the carrier's new estimate (may be null), and the
	 * parcel's tracking number (may be null).
	 */
	public record Issue(String kind, String reason, Instant newEstimate, Instant raisedAt, String trackingNumber) {
	}

	/** A return of the order: state, method, outcome, and its parcel's tracking number once labelled. */
	public record Return(String state, String method, String outcome, String trackingNumber) {
	}

	/** Reads order-service's JSON; absent parts are empty lists or nulls. */
	static TrackedOrder read(JsonNode json) {
		var promise = json.path("promise");
		var links = json.path("links");
		return new TrackedOrder(text(json.path("orderId")), text(json.path("status")), instant(json.path("placedAt")),
				promise.isObject() ? new Promise(instant(promise.path("from")), instant(promise.path("by")),
						text(promise.path("timeZone"))) : null,
				text(json.path("locale")), text(json.path("timeZone")),
				list(json.path("items"), item -> new Item(text(item.path("name")), item.path("quantity").asInt(1))),
				list(json.path("parcels"), TrackedOrder::parcel),
				list(json.path("openIssues"), issue -> new Issue(text(issue.path("kind")), text(issue.path("reason")),
						instant(issue.path("newEstimate")), instant(issue.path("raisedAt")),
						text(issue.path("trackingNumber")))),
				list(json.path("returns"), found -> new Return(text(found.path("state")), text(found.path("method")),
						text(found.path("outcome")), text(found.path("trackingNumber")))),
				text(links.path("returnToken")), text(links.path("preferencesToken")));
	}

	private static Parcel parcel(JsonNode parcel) {
		return new Parcel(text(parcel.path("carrier")), text(parcel.path("trackingNumber")),
				text(parcel.path("direction")), text(parcel.path("status")), text(parcel.path("promiseState")),
				instant(parcel.path("estimatedDelivery")), instant(parcel.path("deliveredAt")),
				list(parcel.path("checkpoints"), checkpoint -> new Checkpoint(instant(checkpoint.path("occurredAt")),
						text(checkpoint.path("status")), text(checkpoint.path("subStatus")),
						text(checkpoint.path("reason")), text(checkpoint.path("location").path("city")),
						text(checkpoint.path("location").path("country")))));
	}

	private static <T> List<T> list(JsonNode array, Function<JsonNode, T> read) {
		var found = new ArrayList<T>();
		if (array.isArray()) {
			for (var element : array) {
				found.add(read.apply(element));
			}
		}
		return List.copyOf(found);
	}

	private static String text(JsonNode node) {
		return node.isString() && !node.asString().isBlank() ? node.asString() : null;
	}

	private static Instant instant(JsonNode node) {
		var value = text(node);
		return value == null ? null : Instant.parse(value);
	}

}
