package dev.postpurchase.metrics.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;
import dev.postpurchase.metrics.kpi.KpiSection;
import reactor.core.publisher.Mono;

/**
 * The notification KPIs (delivery, suppression and failure rates, email opens and clicks) from the
 * {@link NotificationFacts}: reads the messages decided in the range with index-backed range queries,
 * and for the channel split their orders' sales channels, and lets {@link NotificationKpis} count them.
 */
@Component
class NotificationKpiSection implements KpiSection {

	private final NotificationFacts facts;

	NotificationKpiSection(NotificationFacts facts) {
		this.facts = facts;
	}

	@Override
	public Mono<Map<String, Map<String, Kpi>>> compute(Instant from, Instant to, Dimension dimension, ZoneId zone) {
		if (dimension == Dimension.CARRIER || dimension == Dimension.KIND) {
			return Mono.just(Map.of());
		}
		return facts.decidedBetween(from, to).collectList().flatMap(read -> {
			Mono<Map<String, String>> channels = Mono.just(Map.of());
			if (dimension == Dimension.CHANNEL) {
				var orderIds = new HashSet<String>();
				read.forEach(fact -> {
					if (fact.orderId() != null) {
						orderIds.add(fact.orderId());
					}
				});
				channels = facts.salesChannels(orderIds);
			}
			return channels.map(byOrder -> NotificationKpis.compute(read, byOrder, from, to, dimension, zone));
		});
	}

}
