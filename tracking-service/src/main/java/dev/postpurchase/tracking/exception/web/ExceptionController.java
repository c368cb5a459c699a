package dev.postpurchase.tracking.exception.web;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.contracts.exception.DeliveryExceptionResolved.Resolution;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.exception.Severity;
import dev.postpurchase.contracts.shipment.Carriers;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.PromiseState;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.tracking.exception.DeliveryExceptions;
import reactor.core.publisher.Mono;

/** Agents resolve delivery exceptions; ops list them. */
@RestController
class ExceptionController {

	private final DeliveryExceptions exceptions;

	ExceptionController(DeliveryExceptions exceptions) {
		this.exceptions = exceptions;
	}

	/** What an agent sends: RESOLVED_BY_AGENT, BACK_ON_TRACK or CANCELLED, and an optional note. */
	record Resolve(Resolution resolution, String note) {

	}

	@PostMapping("/api/v1/exceptions/{exceptionId}/resolve")
	Mono<ExceptionView> resolve(@PathVariable String exceptionId, @RequestBody Resolve body, Principal agent) {
		return exceptions.resolve(exceptionId, body.resolution(), body.note(), agent.getName()).map(ExceptionView::of);
	}

	@GetMapping("/api/v1/exceptions")
	Mono<PageView> list(@RequestParam(defaultValue = "open") String state,
			@RequestParam(required = false) ExceptionKind kind, @RequestParam(required = false) String carrier,
			@RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) String cursor) {
		var open = switch (state.toLowerCase(Locale.ROOT)) {
			case "open" -> true;
			case "resolved" -> false;
			default -> throw Problems.badRequest("state: open or resolved");
		};
		if (limit < 1 || limit > DeliveryExceptions.MAX_LIMIT) {
			throw Problems.badRequest("limit: 1 to " + DeliveryExceptions.MAX_LIMIT);
		}
		var normalizedCarrier = carrier == null || carrier.isBlank() ? null : Carriers.normalize(carrier);
		return exceptions.find(open, kind, normalizedCarrier, cursor, limit)
			.map(page -> new PageView(page.items().stream().map(ExceptionView::of).toList(), page.nextCursor()));
	}

	/** A page of exceptions; {@code nextCursor} is null on the last page. */
	record PageView(List<ExceptionView> items, String nextCursor) {

	}

	/** A delivery exception as the API shows it, with its shipment. */
	record ExceptionView(String exceptionId, ExceptionKind kind, ExceptionReason reason, Severity severity,
			String detail, String state, Instant raisedAt, Instant resolvedAt, Resolution resolution,
			String resolvedBy, String note, String shipmentId, String orderId, String carrier, String trackingNumber,
			TrackingStatus status, PromiseState promiseState) {

		static ExceptionView of(DeliveryExceptions.Listed listed) {
			var exception = listed.exception();
			return new ExceptionView(exception.exceptionId(), exception.kind(), exception.reason(), exception.severity(),
					exception.detail(), exception.isOpen() ? "open" : "resolved", exception.raisedAt(),
					exception.resolvedAt(), exception.resolution(), exception.resolvedBy(), exception.note(),
					listed.shipmentId(), listed.orderId(), listed.carrier(), listed.trackingNumber(), listed.status(),
					listed.promiseState());
		}

	}

}
