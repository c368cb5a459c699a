package dev.postpurchase.metrics.support;

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
 * The support KPIs (first-contact resolution, contacts per order, WISMO rate) from the
 * {@link SupportFacts}: reads the contacts and orders of the range with index-backed range queries, and
 * for the channel split the contacts' orders, and lets {@link SupportKpis} count them.
 */
@Component
class SupportKpiSection implements KpiSection {

	private final SupportFacts facts;

	SupportKpiSection(SupportFacts facts) {
		this.facts = facts;
	}

	@Override
	public Mono<Map<String, Map<String, Kpi>>> compute(Instant from, Instant to, Dimension dimension, ZoneId zone) {
		if (dimension == Dimension.CARRIER || dimension == Dimension.KIND) {
			return Mono.just(Map.of());
		}
		return Mono.zip(facts.contactsBetween(from, to).collectList(), facts.placedBetween(from, to).collectList())
			.flatMap(read -> {
				Mono<Map<String, PlacedOrder>> orders = Mono.just(Map.of());
				if (dimension == Dimension.CHANNEL) {
					var ids = new HashSet<String>();
					read.getT1().forEach(contact -> {
						if (contact.orderId() != null) {
							ids.add(contact.orderId());
						}
					});
					orders = facts.orders(ids).collectMap(PlacedOrder::orderId, Function.identity());
				}
				return orders
					.map(byId -> SupportKpis.compute(read.getT1(), read.getT2(), byId, from, to, dimension, zone));
			});
	}

}
