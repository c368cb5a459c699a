package dev.postpurchase.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.reliability.OrderPlan.Buyer;
import dev.postpurchase.reliability.OrderPlan.Checkpoint;
import dev.postpurchase.reliability.OrderPlan.Source;
import dev.postpurchase.reliability.OrderPlan.Update;
import dev.postpurchase.reliability.OrderPlan.Via;

/**
 * Plans the stream of orders a scenario sends: a mix of REST, Shopify and {@code orders.inbound}
 * orders, customers with and without text consent, parcels of three carriers scanned by REST,
 * {@code tracking.inbound} and AfterShip webhooks (one way per parcel), some delayed on the way, some
 * returned. The choices
 * are random but seeded by the scenario's name, so a failing run can be planned again the same way.
 */
final class Streams {

	/** Carrier checkpoints lie this far apart, in carrier time (all in the past when they are sent). */
	private static final Duration SCAN_SPACING = Duration.ofMinutes(10);

	/** The carriers whose updates come as canonical updates; PostNL's come through AfterShip. */
	private static final List<String> DIRECT_CARRIERS = List.of("DHL Express", "DPD");

	/** AfterShip's slug for PostNL parcels, which tracking-service knows as {@code postnl}. */
	static final String AFTERSHIP_CARRIER = "PostNL";

	private Streams() {
	}

	/**
	 * The shape of a stream.
	 *
	 * @param orders how many orders
	 * @param delayedPercent parcels the carrier reports delayed (an exception) before they move on
	 * @param returnedPercent of the paid orders (REST and Kafka), those returned after delivery
	 * @param duplicatedPercent carrier updates the feed sends twice
	 * @param reorderedPercent carrier updates the feed sends after the next one
	 */
	record Shape(int orders, int delayedPercent, int returnedPercent, int duplicatedPercent, int reorderedPercent) {

		/** A clean feed: nothing repeated or reordered. */
		static Shape of(int orders, int delayedPercent, int returnedPercent) {
			return new Shape(orders, delayedPercent, returnedPercent, 0, 0);
		}

		Shape withFeedNoise(int duplicatedPercent, int reorderedPercent) {
			return new Shape(this.orders, this.delayedPercent, this.returnedPercent, duplicatedPercent, reorderedPercent);
		}
	}

	static List<OrderPlan> plan(String scenario, Shape shape) {
		var random = new Random(scenario.hashCode());
		var tag = tag(scenario);
		var plans = new ArrayList<OrderPlan>();
		var start = Instant.now().minus(Duration.ofHours(3));
		for (int i = 0; i < shape.orders(); i++) {
			var source = switch (i % 4) {
				case 1 -> Source.SHOPIFY;
				case 3 -> Source.KAFKA;
				default -> Source.REST;
			};
			// a number of its own for the customer's phone and Shopify id
			var number = (long) Math.abs(tag.hashCode() % 100_000) * 1000 + i;
			String externalOrderId;
			String orderId;
			if (source == Source.SHOPIFY) {
				externalOrderId = String.valueOf(5_000_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
				orderId = OrderId.of("shopify", externalOrderId).value();
			}
			else {
				externalOrderId = "REL-" + tag + "-" + i + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
				orderId = OrderId.of("reliability", externalOrderId).value();
			}
			var roll = random.nextInt(100);
			boolean sms = roll < 50;
			boolean whatsapp = source != Source.SHOPIFY && roll >= 50 && roll < 70;
			var customerId = source == Source.SHOPIFY ? String.valueOf(8_000_000_000L + number) : "cus-rel-" + tag + "-" + i;
			var buyer = new Buyer(customerId, "rel-" + tag + "-" + i + "@example.com",
					sms || whatsapp || roll < 85 ? "+3197010" + String.format("%04d", number % 10_000) : null, sms,
					whatsapp);
			// one way in per parcel, as a carrier has one integration: its updates arrive in the order they are sent
			var via = switch (i % 3) {
				case 0 -> Via.AFTERSHIP;
				case 1 -> Via.REST;
				default -> Via.KAFKA;
			};
			var carrier = via == Via.AFTERSHIP ? AFTERSHIP_CARRIER : DIRECT_CARRIERS.get(i % DIRECT_CARRIERS.size());
			var trackingNumber = "RL" + tag.toUpperCase() + i + "X" + Long.toString(Math.abs(random.nextLong()), 36).toUpperCase();
			var journey = journey(start.plusSeconds(i), random.nextInt(100) < shape.delayedPercent());
			var updates = new ArrayList<Update>();
			for (int k = 0; k < journey.size(); k++) {
				updates.add(new Update(journey.get(k), via, via == Via.AFTERSHIP ? List.copyOf(journey.subList(0, k + 1))
						: List.of(journey.get(k))));
			}
			var feed = noisy(updates, shape, random);
			boolean returned = source != Source.SHOPIFY && random.nextInt(100) < shape.returnedPercent();
			plans.add(new OrderPlan(i, source, externalOrderId, orderId, buyer, carrier, trackingNumber, feed,
					returned));
		}
		return plans;
	}

	/** InfoReceived, InTransit, (a carrier delay and InTransit again,) OutForDelivery, Delivered. */
	private static List<Checkpoint> journey(Instant first, boolean delayed) {
		var steps = new ArrayList<Checkpoint>();
		steps.add(new Checkpoint(null, TrackingStatus.INFO_RECEIVED, "InfoReceived_001", null, "Shipment information received"));
		steps.add(new Checkpoint(null, TrackingStatus.IN_TRANSIT, "InTransit_002", null, "Parcel sorted at depot"));
		if (delayed) {
			steps.add(new Checkpoint(null, TrackingStatus.EXCEPTION, "Exception_005", ExceptionReason.CARRIER_DELAY,
					"Delayed at the sorting centre"));
			steps.add(new Checkpoint(null, TrackingStatus.IN_TRANSIT, "InTransit_003", null, "Parcel on its way again"));
		}
		steps.add(new Checkpoint(null, TrackingStatus.OUT_FOR_DELIVERY, "OutForDelivery_001", null, "Out for delivery"));
		steps.add(new Checkpoint(null, TrackingStatus.DELIVERED, "Delivered_001", null, "Delivered"));
		var timed = new ArrayList<Checkpoint>();
		for (int k = 0; k < steps.size(); k++) {
			var step = steps.get(k);
			timed.add(new Checkpoint(first.plus(SCAN_SPACING.multipliedBy(k)), step.status(), step.subStatus(),
					step.reason(), step.message()));
		}
		return timed;
	}

	/** The feed as a noisy carrier sends it: some updates twice, some after the next one. */
	private static List<Update> noisy(List<Update> updates, Shape shape, Random random) {
		var sent = new ArrayList<>(updates);
		for (int k = 0; k + 1 < sent.size(); k++) {
			if (random.nextInt(100) < shape.reorderedPercent()) {
				var later = sent.get(k);
				sent.set(k, sent.get(k + 1));
				sent.set(k + 1, later);
				k++; // a swapped pair stays as it is
			}
		}
		var withDuplicates = new ArrayList<Update>();
		var repeats = new ArrayList<Update>();
		for (var update : sent) {
			withDuplicates.add(update);
			withDuplicates.addAll(repeats);
			repeats.clear();
			if (random.nextInt(100) < shape.duplicatedPercent()) {
				repeats.add(update); // sent again after the next update, or at once when it is the last
			}
		}
		withDuplicates.addAll(repeats);
		return withDuplicates;
	}

	/** A short lower-case tag of the scenario for ids: letters and digits only. */
	static String tag(String scenario) {
		return Integer.toString(Math.abs(scenario.hashCode()), 36);
	}

}
