package dev.postpurchase.order.shopify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every {@code orders.shopify.sweep-interval}: replays parked webhooks whose order now exists (it
 * may have been placed by another way in, or the service stopped right after placing it) and drops
 * the expired ones. (Old delivery ids are forgotten by the kit's {@code SeenDeliveries}, on the same
 * interval.) Passes never overlap; a failed pass is logged and the next one tries again.
 */
@Component
class ParkedWebhookSweep implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ParkedWebhookSweep.class);

	private final ShopifyParking parking;

	private final ShopifySettings settings;

	private volatile Disposable loop;

	ParkedWebhookSweep(ShopifyParking parking, ShopifySettings settings) {
		this.parking = parking;
		this.settings = settings;
	}

	@Override
	public synchronized void start() {
		if (loop != null) {
			return;
		}
		loop = Flux.interval(settings.sweepInterval(), settings.sweepInterval())
			.onBackpressureDrop()
			.concatMap(tick -> sweepOnce().onErrorResume(ex -> {
				log.warn("Sweep of parked Shopify webhooks failed, retrying on the next one: {}", ex.toString());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	Mono<Long> sweepOnce() {
		return parking.sweep().doOnNext(replayed -> {
			if (replayed > 0) {
				log.info("Sweep replayed {} parked Shopify webhooks", replayed);
			}
		});
	}

	@Override
	public synchronized void stop() {
		if (loop != null) {
			loop.dispose();
			loop = null;
		}
	}

	@Override
	public boolean isRunning() {
		return loop != null;
	}

}
