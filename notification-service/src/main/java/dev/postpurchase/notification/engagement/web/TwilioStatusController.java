package dev.postpurchase.notification.engagement.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.postpurchase.kit.webhook.TwilioSignatures;
import dev.postpurchase.notification.engagement.TwilioStatusCallbacks;
import reactor.core.publisher.Mono;

/**
 * Twilio's status callback endpoint, form-encoded as Twilio posts it. No bearer token: the
 * {@code X-Twilio-Signature} is the authentication (401 when it does not verify, 403 for another
 * account). Every verified callback gets a 204, also for a message we do not know, since Twilio would
 * otherwise retry it.
 */
@RestController
class TwilioStatusController {

	private final TwilioStatusCallbacks callbacks;

	TwilioStatusController(TwilioStatusCallbacks callbacks) {
		this.callbacks = callbacks;
	}

	@PostMapping("/webhooks/twilio/status")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	Mono<Void> status(@RequestHeader(name = TwilioSignatures.HEADER, required = false) String signature,
			ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(form -> callbacks.receive(form, signature)).then();
	}

}
