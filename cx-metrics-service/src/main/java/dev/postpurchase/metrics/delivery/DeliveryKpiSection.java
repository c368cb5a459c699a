package dev.postpurchase.metrics.delivery;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;
import dev.postpurchase.metrics.kpi.KpiSection;
import reactor.core.publisher.Mono;

/**
 * The delivery KPIs (on-time rate, lateness, exceptions per 100 shipments, open exceptions, time to
 * resolve) from the {@link DeliveryFacts}: reads the facts of the range with index-backed range
 * queries and lets {@link DeliveryKpis} count them.
 */
@Component
class DeliveryKpiSection implements KpiSection {

	private final DeliveryFacts facts;

	DeliveryKpiSection(DeliveryFacts facts) {
		this.facts = facts;
	}

	@Override
	public Mono<Map<String, Map<String, Kpi>>> compute(Instant from, Instant to, Dimension dimension, ZoneId zone) {
		return Mono
			.zip(facts.deliveredBetween(from, to).collectList(), facts.registeredBetween(from, to).collectList(),
					facts.exceptionsTouching(from, to).collectList())
			.flatMap(read -> {
				var exceptions = read.getT3();
				Mono<Map<String, ShipmentFact>> shipments = Mono.just(Map.of());
				if (dimension == Dimension.CHANNEL) {
					var ids = new HashSet<String>();
					exceptions.forEach(exception -> {
						if (exception.shipmentId() != null) {
							ids.add(exception.shipmentId());
						}
					});
					shipments = facts.shipments(ids).collectMap(ShipmentFact::shipmentId, Function.identity());
				}
				return shipments.map(byId -> DeliveryKpis.compute(read.getT1(), read.getT2(), exceptions, byId, from, to,
						dimension, zone));
			});
	}

}
