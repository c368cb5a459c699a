package dev.postpurchase.tracking.shipment.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.kit.json.JsonErrors;
import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.tracking.shipment.Registration;
import dev.postpurchase.tracking.shipment.TrackingUpdates;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Carriers and aggregators send tracking updates and register parcels; agents and ops read
 * shipments.
 */
@RestController
class ShipmentController {

	static final int MAX_BATCH = 1000;

	private final TrackingUpdates tracking;

	ShipmentController(TrackingUpdates tracking) {
		this.tracking = tracking;
	}

	/**
	 * One canonical update, or an array of them (at most {@value #MAX_BATCH}), applied in order (an
	 * array with one read of its shipments and one bulk write). 202 with what became of each; a
	 * malformed or invalid element rejects the whole batch (400, naming it; nothing applied).
	 */
	@PostMapping("/api/v1/tracking-events")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<Map<String, List<Map<String, String>>>> track(@RequestBody JsonNode body) {
		var updates = new ArrayList<InboundTrackingUpdate>();
		if (body.isArray()) {
			if (body.size() > MAX_BATCH) {
				return Mono.error(Problems.badRequest("at most " + MAX_BATCH + " updates per request"));
			}
			for (int i = 0; i < body.size(); i++) {
				updates.add(read(body.get(i), "[" + i + "]"));
			}
		}
		else {
			updates.add(read(body, ""));
		}
		if (!body.isArray()) {
			var update = updates.get(0);
			return tracking.apply(update, "api").map(outcome -> Map.of("results", List.of(result(update, outcome))));
		}
		return tracking.applyAll(updates, "api", true).map(results -> {
			var answer = new ArrayList<Map<String, String>>(results.size());
			for (int i = 0; i < results.size(); i++) {
				answer.add(result(updates.get(i), results.get(i).outcome()));
			}
			return Map.of("results", answer);
		});
	}

	@PostMapping("/api/v1/shipments")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<ShipmentView> register(@RequestBody Registration registration) {
		if (registration.orderId() == null || registration.orderId().isBlank()) {
			return Mono.error(Problems.badRequest("orderId: required"));
		}
		return tracking.register(registration).map(ShipmentView::of);
	}

	@GetMapping("/api/v1/shipments/{trackingNumber}")
	Mono<List<ShipmentView>> byTrackingNumber(@PathVariable String trackingNumber) {
		return tracking.withTrackingNumber(trackingNumber)
			.map(ShipmentView::of)
			.collectList()
			.filter(found -> !found.isEmpty())
			.switchIfEmpty(Mono.error(() -> Problems.notFound("No shipment with tracking number " + trackingNumber)));
	}

	@GetMapping("/api/v1/shipments")
	Mono<List<ShipmentView>> byOrder(@RequestParam String orderId) {
		return tracking.ofOrder(orderId).map(ShipmentView::of).collectList();
	}

	private static Map<String, String> result(InboundTrackingUpdate update, TrackingUpdates.Outcome outcome) {
		return Map.of("trackingNumber", update.trackingNumber(), "outcome", outcome.name().toLowerCase(Locale.ROOT));
	}

	private static InboundTrackingUpdate read(JsonNode node, String at) {
		// a JSON null (the body, or an element) would read as no update at all
		if (!node.isObject()) {
			throw Problems.badRequest((at.isEmpty() ? "body" : at) + ": must be a tracking update (a JSON object)"
					+ (at.isEmpty() ? " or an array of them" : ""));
		}
		try {
			return EventJson.mapper().treeToValue(node, InboundTrackingUpdate.class);
		}
		catch (JacksonException ex) {
			throw Problems.badRequest(at + (at.isEmpty() ? "" : " ") + JsonErrors.describe(ex));
		}
	}

}
