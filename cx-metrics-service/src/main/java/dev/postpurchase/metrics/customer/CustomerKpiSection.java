package dev.postpurchase.metrics.customer;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;
import dev.postpurchase.metrics.kpi.KpiSection;
import reactor.core.publisher.Mono;

/**
 * The customer KPIs (retention, churn, repeat purchases, average order value, purchase frequency,
 * expected lifespan, lifetime value) from the {@link CustomerFacts}: reads the orders of the range and
 * of the period before it with one index-backed range query, and lets {@link CustomerKpis} count them.
 */
@Component
class CustomerKpiSection implements KpiSection {

	private final CustomerFacts facts;

	private final CustomerSettings settings;

	CustomerKpiSection(CustomerFacts facts, CustomerSettings settings) {
		this.facts = facts;
		this.settings = settings;
	}

	@Override
	public Mono<Map<String, Map<String, Kpi>>> compute(Instant from, Instant to, Dimension dimension, ZoneId zone) {
		if (dimension == Dimension.CARRIER || dimension == Dimension.KIND) {
			return Mono.just(Map.of());
		}
		return facts.placedBetween(CustomerKpis.readFrom(from, to, dimension, zone), to)
			.collectList()
			.map(orders -> CustomerKpis.compute(orders, from, to, dimension, zone,
					settings.currency().getCurrencyCode()));
	}

}
