package dev.postpurchase.pages.tracking.web;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.util.UriComponentsBuilder;

import dev.postpurchase.pages.PagesSettings;
import dev.postpurchase.pages.page.Dates;
import dev.postpurchase.pages.page.Pages;
import dev.postpurchase.pages.page.Pages.Page;
import dev.postpurchase.pages.tracking.TrackedOrder;
import dev.postpurchase.pages.tracking.TrackedOrder.Checkpoint;
import dev.postpurchase.pages.tracking.TrackedOrder.Issue;
import dev.postpurchase.pages.tracking.TrackedOrder.Parcel;
import dev.postpurchase.pages.tracking.TrackedOrder.Promise;

/**
 * Builds the tracking page's view model: every phrase worded here, in the customer's language, every
 * time in the customer's zone (the order's, else {@code pages.time-zone}); the promise's own days in
 * the promise's zone. Codes the pages do not know yet get a general phrase.
 */
@Component
class TrackingPage {

	private final Pages pages;

	private final PagesSettings settings;

	TrackingPage(Pages pages, PagesSettings settings) {
		this.pages = pages;
		this.settings = settings;
	}

	Rendering render(TrackedOrder order, String orderId, String token, Locale locale) {
		var page = pages.page(locale, "trackingTitle");
		var zone = Dates.zone(order.timeZone(), settings.timeZone());
		var outbound = order.parcels().stream().filter(Parcel::outbound).toList();
		var parcels = new ArrayList<ParcelView>();
		for (int i = 0; i < outbound.size(); i++) {
			var heading = outbound.size() == 1 ? page.text("trackingParcel")
					: page.text("trackingParcelOf", i + 1, outbound.size());
			parcels.add(parcel(page, order, outbound.get(i), "parcel-" + (i + 1), heading, zone));
		}
		var known = order.parcels().stream().map(Parcel::trackingNumber).filter(Objects::nonNull).toList();
		var orderIssues = order.openIssues()
			.stream()
			.filter(issue -> issue.trackingNumber() == null || !known.contains(issue.trackingNumber()))
			.map(issue -> issue(page, issue, zone))
			.toList();
		var inbound = order.parcels().stream().filter(parcel -> !parcel.outbound()).toList();
		var returnParcels = new ArrayList<ReturnParcelView>();
		for (int i = 0; i < inbound.size(); i++) {
			var parcel = inbound.get(i);
			var timeline = timeline(page, parcel, zone);
			var carrier = parcel.carrier() == null ? null : carrierName(parcel.carrier());
			returnParcels.add(new ReturnParcelView("return-parcel-" + (i + 1), number(page, carrier,
					parcel.trackingNumber()), statusPhrase(page, parcel.status()), !timeline.isEmpty(), timeline));
		}
		var returns = order.returns()
			.stream()
			.map(found -> new ReturnView(phrase(page, "returnState_", found.state(), "returnStateUnknown"),
					phrase(page, "returnMethod_", found.method(), null),
					phrase(page, "returnOutcome_", found.outcome(), null), found.trackingNumber()))
			.toList();
		var cancelled = "CANCELLED".equals(order.status());
		var placed = order.placedAt() == null ? page.text("trackingOrderNumber", orderId)
				: page.text("trackingPlaced", orderId, Dates.day(order.placedAt(), zone, locale),
						Dates.time(order.placedAt(), zone));
		return page.languageSwitch("/track/" + orderId, token)
			.with("placed", placed)
			.with("orderStatus", allDelivered(order) ? page.text("orderStatusDelivered")
					: phrase(page, "orderStatus_", order.status(), "orderStatusUnknown"))
			.with("orderPromise", parcels.isEmpty() && !cancelled ? promised(page, order.promise(), zone) : null)
			.with("items", order.items().stream().map(item -> new ItemView(item.name(), item.quantity())).toList())
			.with("parcels", parcels)
			.with("orderIssues", orderIssues.isEmpty() ? null : new Issues(orderIssues))
			.with("yourReturn", returns.isEmpty() && returnParcels.isEmpty() ? null
					: new YourReturn(returns, returnParcels))
			.with("returnHref", order.returnToken() == null || cancelled ? null
					: link("/returns/" + orderId, order.returnToken(), locale))
			.with("preferencesHref", order.preferencesToken() == null ? null
					: link("/preferences/" + orderId, order.preferencesToken(), locale))
			.with("zoneNote", page.text("trackingTimesIn", zone.getId().replace('_', ' ')))
			.render("tracking/order");
	}

	private ParcelView parcel(Page page, TrackedOrder order, Parcel parcel, String id, String heading, ZoneId zone) {
		var issues = order.openIssues()
			.stream()
			.filter(issue -> parcel.trackingNumber() != null && parcel.trackingNumber().equals(issue.trackingNumber()))
			.toList();
		var carrier = parcel.carrier() == null ? null : carrierName(parcel.carrier());
		var number = number(page, carrier, parcel.trackingNumber());
		var timeline = timeline(page, parcel, zone);
		return new ParcelView(id, heading, number, statusPhrase(page, parcel.status()),
				promise(page, order, parcel, issues, zone), parcel.delivered(),
				issues.stream().map(issue -> issue(page, issue, zone)).toList(), !timeline.isEmpty(), timeline);
	}

	/** "DHL, tracking number ...", or the number alone; null without one. */
	private static String number(Page page, String carrier, String trackingNumber) {
		if (trackingNumber == null) {
			return null;
		}
		return carrier == null ? page.text("trackingNumberOnly", trackingNumber)
				: page.text("trackingCarrierNumber", carrier, trackingNumber);
	}

	/**
	 * The parcel's promise in plain words: delivered when, running late with the new estimate, or
	 * the order's promise.
	 */
	private String promise(Page page, TrackedOrder order, Parcel parcel, List<Issue> issues, ZoneId zone) {
		var locale = page.locale();
		if (parcel.delivered()) {
			var at = parcel.deliveredAt();
			if (at == null) {
				at = parcel.checkpoints().stream().filter(checkpoint -> "Delivered".equals(checkpoint.status()))
					.map(Checkpoint::occurredAt).filter(Objects::nonNull).findFirst().orElse(null);
			}
			return at == null ? page.text("promiseDeliveredNoTime")
					: page.text("promiseDelivered", Dates.day(at, zone, locale), Dates.time(at, zone));
		}
		var newEstimate = issues.stream().map(Issue::newEstimate).filter(Objects::nonNull)
			.max(Comparator.naturalOrder()).orElse(null);
		var state = parcel.promiseState();
		if ("LATE".equals(state) || newEstimate != null) {
			var estimate = newEstimate != null ? newEstimate : parcel.estimatedDelivery();
			return estimate == null ? page.text("promiseLateNoEstimate")
					: page.text("promiseLate", Dates.day(estimate, zone, locale));
		}
		if ("AT_RISK".equals(state)) {
			return parcel.estimatedDelivery() == null ? page.text("promiseAtRiskNoEstimate")
					: page.text("promiseAtRisk", Dates.day(parcel.estimatedDelivery(), zone, locale));
		}
		var promised = promised(page, order.promise(), zone);
		if (promised == null && parcel.estimatedDelivery() != null) {
			return page.text("promiseExpected", Dates.day(parcel.estimatedDelivery(), zone, locale));
		}
		return promised;
	}

	/** "Arrives by Tuesday 14 May" or "Arrives between ... and ...", in the promise's own zone. */
	private static String promised(Page page, Promise promise, ZoneId customerZone) {
		if (promise == null || promise.by() == null) {
			return null;
		}
		var zone = Dates.zone(promise.timeZone(), customerZone);
		var locale = page.locale();
		var by = Dates.day(promise.by(), zone, locale);
		if (promise.from() == null) {
			return page.text("promiseBy", by);
		}
		var from = Dates.day(promise.from(), zone, locale);
		if (from.equals(by)) {
			return page.text("promiseBetweenTimes", by, Dates.time(promise.from(), zone), Dates.time(promise.by(), zone));
		}
		return page.text("promiseBetween", from, by);
	}

	private IssueView issue(Page page, Issue issue, ZoneId zone) {
		String key;
		if (issue.reason() != null && !"OTHER".equals(issue.reason()) && page.text("issueReason_" + issue.reason()) != null) {
			key = "issueReason_" + issue.reason();
		}
		else if (issue.kind() != null && page.text("issueKind_" + issue.kind()) != null) {
			key = "issueKind_" + issue.kind();
		}
		else if (issue.reason() != null && page.text("issueReason_" + issue.reason()) != null) {
			key = "issueReason_" + issue.reason();
		}
		else {
			key = "issueUnknown";
		}
		var estimate = issue.newEstimate() == null ? null
				: page.text("issueNewEstimate", Dates.day(issue.newEstimate(), zone, page.locale()));
		return new IssueView(page.text(key), page.text(key + "Next"), estimate);
	}

	/** The parcel's checkpoints, newest first as order-service sends them, each worded from its codes. */
	private static List<Step> timeline(Page page, Parcel parcel, ZoneId zone) {
		var steps = new ArrayList<Step>();
		var checkpoints = parcel.checkpoints()
			.stream()
			.sorted(Comparator.comparing(Checkpoint::occurredAt, Comparator.nullsLast(Comparator.reverseOrder())))
			.toList();
		for (var checkpoint : checkpoints) {
			var at = checkpoint.occurredAt();
			steps.add(new Step(at == null ? null : Dates.machine(at, zone),
					at == null ? null : Dates.shortDay(at, zone, page.locale()) + ", " + Dates.time(at, zone),
					checkpointPhrase(page, checkpoint), place(page, checkpoint), steps.isEmpty()));
		}
		return steps;
	}

	/**
	 * The order's status says SHIPPED once its parcels left; once every outbound parcel has arrived,
	 * the customer hears that instead.
	 */
	private static boolean allDelivered(TrackedOrder order) {
		var outbound = order.parcels().stream().filter(TrackedOrder.Parcel::outbound).toList();
		return "SHIPPED".equals(order.status()) && !outbound.isEmpty()
				&& outbound.stream().allMatch(parcel -> parcel.deliveredAt() != null || "Delivered".equals(parcel.status()));
	}

	/** A sub-status we word on its own, else an exception's reason, else the status. */
	private static String checkpointPhrase(Page page, Checkpoint checkpoint) {
		if (checkpoint.subStatus() != null) {
			var sub = page.text("checkpoint_" + checkpoint.subStatus());
			if (sub != null) {
				return sub;
			}
		}
		if ("Exception".equals(checkpoint.status()) && checkpoint.reason() != null) {
			var reason = page.text("issueReason_" + checkpoint.reason());
			if (reason != null) {
				return reason;
			}
		}
		return statusPhrase(page, checkpoint.status());
	}

	private static String statusPhrase(Page page, String status) {
		return phrase(page, "parcelStatus_", status, "parcelStatusUnknown");
	}

	private static String place(Page page, Checkpoint checkpoint) {
		var country = checkpoint.country() == null ? null : country(checkpoint.country(), page.locale());
		if (checkpoint.city() == null) {
			return country;
		}
		return country == null ? checkpoint.city() : checkpoint.city() + ", " + country;
	}

	/** A country code's name in the customer's language; the text as it is when it is no such code. */
	private static String country(String code, Locale locale) {
		if (code.length() == 2 && code.chars().allMatch(Character::isLetter)) {
			var name = new Locale("", code.toUpperCase(Locale.ROOT)).getDisplayCountry(locale);
			if (!name.isBlank() && !name.equalsIgnoreCase(code)) {
				return name;
			}
		}
		return code;
	}

	/** A carrier code as a name: {@code dhl} → DHL, {@code postnl} → PostNL, else capitalised. */
	private static String carrierName(String carrier) {
		return switch (carrier.toLowerCase(Locale.ROOT)) {
			case "dhl", "ups", "dpd", "gls", "tnt", "usps" -> carrier.toUpperCase(Locale.ROOT);
			case "postnl" -> "PostNL";
			case "fedex" -> "FedEx";
			case "bpost" -> "bpost";
			case "colissimo" -> "Colissimo";
			default -> Character.toUpperCase(carrier.charAt(0)) + carrier.substring(1);
		};
	}

	/** The text {@code prefix + code}; the fallback's text when the code is unknown (null without one). */
	private static String phrase(Page page, String prefix, String code, String fallbackKey) {
		var text = code == null ? null : page.text(prefix + code);
		return text != null ? text : fallbackKey == null ? code : page.text(fallbackKey);
	}

	private static String link(String path, String token, Locale locale) {
		return UriComponentsBuilder.fromPath(path).queryParam("token", token).queryParam("lang", locale.getLanguage())
			.encode().build().toUriString();
	}

	record ItemView(String name, int quantity) {
	}

	/**
	 * One parcel to the customer.
	 *
	 * @param number carrier and tracking number, as a sentence
	 * @param promise the promise in plain words; null when there is none to give
	 */
	record ParcelView(String id, String heading, String number, String status, String promise, boolean delivered,
			List<IssueView> issues, boolean hasTimeline, List<Step> timeline) {
	}

	/** Problems about the order rather than one parcel. */
	record Issues(List<IssueView> items) {
	}

	/** An open problem: what happened, what happens next, the new estimate (may be null). */
	record IssueView(String text, String next, String estimate) {
	}

	/** A checkpoint: when (machine-readable and worded), what, where; {@code latest} for the newest. */
	record Step(String datetime, String when, String text, String place, boolean latest) {
	}

	/** The "Your return" section. */
	record YourReturn(List<ReturnView> returns, List<ReturnParcelView> parcels) {
	}

	record ReturnView(String state, String method, String outcome, String trackingNumber) {
	}

	record ReturnParcelView(String id, String number, String status, boolean hasTimeline, List<Step> timeline) {
	}

}
