package dev.postpurchase.tracking.aftership.web;

import java.util.Locale;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.tracking.aftership.AfterShipWebhooks;
import reactor.core.publisher.Mono;

/**
 * AfterShip Tracking's webhook endpoint. The body is taken as raw bytes: the signature covers exactly
 * those, and nothing is parsed before it is verified. No bearer token: the signature is the
 * authentication (401 when it does not verify). Every handled delivery gets a 200, since AfterShip
 * retries anything else; the answer says what became of it.
 */
@RestController
class AfterShipWebhookController {

	private final AfterShipWebhooks webhooks;

	AfterShipWebhookController(AfterShipWebhooks webhooks) {
		this.webhooks = webhooks;
	}

	@PostMapping("/webhooks/aftership")
	Mono<Receipt> receive(@RequestHeader(name = "aftership-hmac-sha256", required = false) String signature,
			@RequestBody(required = false) byte[] body) {
		return webhooks.receive(signature, body)
			.map(receipt -> new Receipt(receipt.outcome().name().toLowerCase(Locale.ROOT), receipt.updates()));
	}

	/**
	 * @param outcome applied, unchanged, parked or duplicate
	 * @param updates how many carrier updates (checkpoints, and the tracking's own tag when no checkpoint
	 * carries it) the delivery carried
	 */
	record Receipt(String outcome, int updates) {
	}

}
