package dev.postpurchase.order.shopify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.postpurchase.kit.lease.Leases;
import dev.postpurchase.kit.schedule.PeriodicTask;
import reactor.core.publisher.Mono;

/**
 * Every {@code orders.shopify.sweep-interval}: replays parked webhooks whose order now exists (it
 * may have been placed by another way in, or the service stopped right after placing it) and drops
 * the expired ones. (Old delivery ids are forgotten by the kit's {@code SeenDeliveries}, on the same
 * interval.) Passes never overlap; a failed pass is logged and the next one tries again. One instance
 * sweeps at a time (lease {@code shopify-parked-sweep}).
 */
@Component
class ParkedWebhookSweep extends PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(ParkedWebhookSweep.class);

	private final ShopifyParking parking;

	ParkedWebhookSweep(ShopifyParking parking, ShopifySettings settings, Leases leases) {
		super(settings.sweepInterval(), "Sweep of parked Shopify webhooks failed, retrying on the next one", leases,
				"shopify-parked-sweep");
		this.parking = parking;
	}

	@Override
	protected Mono<Long> runPass() {
		return sweepOnce();
	}

	Mono<Long> sweepOnce() {
		return parking.sweep().doOnNext(replayed -> {
			if (replayed > 0) {
				log.info("Sweep replayed {} parked Shopify webhooks", replayed);
			}
		});
	}

}
