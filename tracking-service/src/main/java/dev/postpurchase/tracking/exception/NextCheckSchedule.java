package dev.postpurchase.tracking.exception;

import org.reactivestreams.Publisher;

import org.springframework.data.mongodb.core.mapping.event.ReactiveBeforeConvertCallback;
import org.springframework.stereotype.Component;

import dev.postpurchase.tracking.shipment.Shipment;
import reactor.core.publisher.Mono;

/**
 * Recomputes a shipment's {@code nextCheckAt} on every save, whoever saves it (registration, a
 * tracking update, the checker, an agent), so the checker finds exactly the shipments that are due.
 */
@Component
class NextCheckSchedule implements ReactiveBeforeConvertCallback<Shipment> {

	private final TimeRules rules;

	NextCheckSchedule(TimeRules rules) {
		this.rules = rules;
	}

	@Override
	public Publisher<Shipment> onBeforeConvert(Shipment shipment, String collection) {
		shipment.scheduleNextCheck(rules.nextCheck(shipment));
		return Mono.just(shipment);
	}

}
