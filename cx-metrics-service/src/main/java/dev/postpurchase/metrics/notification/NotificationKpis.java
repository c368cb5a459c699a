package dev.postpurchase.metrics.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.postpurchase.metrics.kpi.Dimension;
import dev.postpurchase.metrics.kpi.Kpi;

/**
 * The notification KPIs over {@code [from, to)}, computed from facts alone (no IO), so every number
 * can be recomputed by hand. Each message counts in the group of its decisive event: a sent message by
 * its send time (and its delivery, open and click with it, whenever they came), a failed one by its
 * failure, a suppressed one by its suppression.
 *
 * <p>Only SMS and WhatsApp have delivery receipts, so the delivery rate is over those channels; email
 * opens and clicks are over sent emails.
 */
final class NotificationKpis {

	static final String DELIVERY = "notificationDeliveryRate";

	static final String SUPPRESSION = "notificationSuppressionRate";

	static final String FAILURE = "notificationFailureRate";

	static final String OPEN = "emailOpenRate";

	static final String CLICK_THROUGH = "emailClickThroughRate";

	private NotificationKpis() {
	}

	/**
	 * @param facts messages sent, failed or suppressed in the range (others are ignored)
	 * @param salesChannels order id → the order's sales channel, for {@link Dimension#CHANNEL}; a message
	 *     whose order has none is left out of that split
	 * @return group → KPI name → value; with {@link Dimension#TOTAL} always the group {@link Dimension#ALL}
	 *         with every KPI, values {@code null} when there is nothing to compute them from; nothing for
	 *         {@link Dimension#CARRIER} and {@link Dimension#KIND}
	 */
	static Map<String, Map<String, Kpi>> compute(Collection<NotificationFact> facts, Map<String, String> salesChannels,
			Instant from, Instant to, Dimension dimension, ZoneId zone) {
		var groups = new TreeMap<String, Tally>();
		if (dimension == Dimension.CARRIER || dimension == Dimension.KIND) {
			return Map.of();
		}
		Function<String, Tally> tally = key -> groups.computeIfAbsent(key, any -> new Tally());
		if (dimension == Dimension.TOTAL) {
			tally.apply(Dimension.ALL);
		}
		for (var fact : facts) {
			var salesChannel = fact.orderId() == null ? null : salesChannels.get(fact.orderId());
			if (Dimension.within(fact.sentAt(), from, to)) {
				dimension.group(fact.sentAt(), zone, null, salesChannel, null).map(tally).ifPresent(group -> group.sent(fact));
			}
			if (Dimension.within(fact.failedAt(), from, to)) {
				dimension.group(fact.failedAt(), zone, null, salesChannel, null).map(tally).ifPresent(group -> group.failed++);
			}
			if (Dimension.within(fact.suppressedAt(), from, to)) {
				dimension.group(fact.suppressedAt(), zone, null, salesChannel, null).map(tally)
					.ifPresent(group -> group.suppressed++);
			}
		}
		var result = new TreeMap<String, Map<String, Kpi>>();
		groups.forEach((key, group) -> result.put(key, group.kpis()));
		return result;
	}

	/** What one group counted. */
	private static final class Tally {

		long sent;

		long failed;

		long suppressed;

		long sentWithReceipts;

		long delivered;

		long sentEmails;

		long opened;

		long clicked;

		void sent(NotificationFact fact) {
			sent++;
			if ("SMS".equals(fact.channel()) || "WHATSAPP".equals(fact.channel())) {
				sentWithReceipts++;
				if (fact.deliveredAt() != null) {
					delivered++;
				}
			}
			else if ("EMAIL".equals(fact.channel())) {
				sentEmails++;
				if (fact.openedAt() != null) {
					opened++;
				}
				if (fact.clickedAt() != null) {
					clicked++;
				}
			}
		}

		Map<String, Kpi> kpis() {
			var kpis = new HashMap<String, Kpi>();
			kpis.put(DELIVERY, Kpi.rate(delivered, sentWithReceipts));
			kpis.put(SUPPRESSION, Kpi.rate(suppressed, sent + suppressed));
			kpis.put(FAILURE, Kpi.rate(failed, sent + failed));
			kpis.put(OPEN, Kpi.rate(opened, sentEmails));
			kpis.put(CLICK_THROUGH, Kpi.rate(clicked, sentEmails));
			return kpis;
		}

	}

}
