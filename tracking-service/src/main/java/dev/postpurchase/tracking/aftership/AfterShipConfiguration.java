package dev.postpurchase.tracking.aftership;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import dev.postpurchase.kit.webhook.SeenDeliveries;
import dev.postpurchase.kit.webhook.WebhookVerifier;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The service-kit webhook pieces, set up for AfterShip Tracking: its signature
 * ({@code aftership-hmac-sha256}, base64 HMAC-SHA256 over the raw body, under the current or the
 * previous secret), the window its signed {@code ts} must fall in, and the store of handled
 * {@code event_id}s.
 */
@Configuration(proxyBeanMethods = false)
class AfterShipConfiguration {

	static final String SOURCE = "aftership";

	static final String SIGNATURE_HEADER = "aftership-hmac-sha256";

	@Bean
	WebhookVerifier aftershipSignatures(AfterShipSettings settings, MeterRegistry meters, Clock clock) {
		return new WebhookVerifier(SOURCE, SIGNATURE_HEADER, WebhookVerifier.Encoding.BASE64,
				settings::webhookSecrets, meters, clock)
			.withTolerance(settings.acceptEventsFor(), WebhookVerifier.DEFAULT_FUTURE_SKEW);
	}

	@Bean
	SeenDeliveries aftershipDeliveries(ReactiveMongoTemplate mongo, Clock clock, AfterShipSettings settings) {
		return new SeenDeliveries(mongo, clock, SOURCE, settings.rememberDeliveriesFor(), settings.sweepInterval());
	}

}
