package dev.postpurchase.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.reliability.OrderPlan.Source;
import dev.postpurchase.reliability.OrderPlan.Via;

/**
 * A messy carrier feed: 30 % of the checkpoints sent twice, 20 % sent after the next one, and 1 % poison
 * records on each inbound topic ({@code orders.inbound}, {@code tracking.inbound}). Repeats change
 * nothing, a late checkpoint never moves a parcel back, the milestones follow the statuses the parcels
 * really went through, and the poison goes to the dead-letter topics without holding up the records
 * behind it.
 */
@ExtendWith(ReliabilityStack.class)
@Order(5)
class CarrierFeedTests {

	@Test
	void duplicatedReorderedAndPoisonedFeed(Platform platform, Report report) throws Exception {
		var name = "carrier feed: 30 % repeated, 20 % reordered, 1 % poison";
		var plans = Streams.plan(name, Streams.Shape.of(Lengths.orders() * 2, 25, 30).withFeedNoise(30, 20));
		var tag = Streams.tag(name);
		var ordersInbound = plans.stream().filter(plan -> plan.source() == Source.KAFKA).count();
		var trackingInbound = plans.stream().flatMap(plan -> plan.scans().stream()).filter(scan -> scan.via() == Via.KAFKA).count();
		var poison = new ArrayList<Scenario.Poison>();
		for (int i = 0; i < onePercent(ordersInbound); i++) {
			poison.add(i % 2 == 0
					? new Scenario.Poison(Topics.ORDERS_INBOUND, "poison-" + tag + "-o" + i, bytes("{ \"externalOrderId\": "),
							Map.of("ce_type", InboundOrder.TYPE))
					: new Scenario.Poison(Topics.ORDERS_INBOUND, "poison-" + tag + "-o" + i,
							bytes("{\"source\": \"reliability\", \"externalOrderId\": \"poison\", \"lines\": [{\"quantity\": -3}]}"),
							Map.of("ce_type", InboundOrder.TYPE)));
		}
		for (int i = 0; i < onePercent(trackingInbound); i++) {
			poison.add(i % 2 == 0
					? new Scenario.Poison(Topics.TRACKING_INBOUND, "poison-" + tag + "-t" + i, new byte[] { 0, (byte) 0xff, 42 },
							Map.of("ce_type", InboundTrackingUpdate.TYPE))
					: new Scenario.Poison(Topics.TRACKING_INBOUND, "poison-" + tag + "-t" + i,
							bytes("{\"carrier\": \"DPD\", \"status\": \"Teleported\"}"), Map.of("ce_type", InboundTrackingUpdate.TYPE)));
		}
		new Scenario(name, platform, report, plans).poison(poison).run((traffic, window) -> {
			// the feed itself is the fault: it lasts as long as the stream
			window.begin();
			traffic.awaitSent(Platform.GIVE_UP_AFTER);
			window.end();
		});
	}

	/** 1 % of the records a stream puts on a topic, at least one. */
	private static int onePercent(long records) {
		return (int) Math.max(1, Math.round(records / 100.0));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
