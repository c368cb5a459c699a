package dev.postpurchase.metrics.returns;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;
import dev.postpurchase.metrics.kpi.KpiSection;
import reactor.core.publisher.Mono;

/**
 * The returns KPIs (return rate, returns by reason, refund cycle time, refunded amount) from the
 * {@link ReturnFacts}: reads the facts of the range with index-backed range queries and lets
 * {@link ReturnKpis} count them. Returns have no carrier split.
 */
@Component
class ReturnKpiSection implements KpiSection {

	private final ReturnFacts facts;

	ReturnKpiSection(ReturnFacts facts) {
		this.facts = facts;
	}

	@Override
	public Mono<Map<String, Map<String, Kpi>>> compute(Instant from, Instant to, Dimension dimension, ZoneId zone) {
		if (dimension == Dimension.CARRIER || dimension == Dimension.KIND) {
			return Mono.just(Map.of());
		}
		return Mono
			.zip(facts.requestedBetween(from, to).collectList(), facts.refundedBetween(from, to).collectList(),
					facts.deliveredBetween(from, to).collectList())
			.map(read -> ReturnKpis.compute(read.getT1(), read.getT2(), read.getT3(), from, to, dimension, zone));
	}

}
