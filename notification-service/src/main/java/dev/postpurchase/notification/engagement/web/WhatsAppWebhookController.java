package dev.postpurchase.notification.engagement.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.notification.engagement.WhatsAppWebhooks;
import dev.postpurchase.notification.engagement.WhatsAppWebhooks.Receipt;
import reactor.core.publisher.Mono;

/**
 * The WhatsApp Cloud API's webhook endpoint (the callback URL of the app's {@code whatsapp_business_account}
 * subscription). {@code GET} is Meta's subscription handshake; {@code POST} takes deliveries as raw
 * bytes, since the signature covers exactly those and nothing is parsed before it is verified. No
 * bearer token: the verify token and the signature are the authentication. Every verified delivery
 * gets a 200, since Meta retries anything else.
 */
@RestController
class WhatsAppWebhookController {

	private static final String PATH = "/webhooks/whatsapp";

	private final WhatsAppWebhooks webhooks;

	WhatsAppWebhookController(WhatsAppWebhooks webhooks) {
		this.webhooks = webhooks;
	}

	@GetMapping(PATH)
	ResponseEntity<String> subscribe(@RequestParam(name = "hub.mode", required = false) String mode,
			@RequestParam(name = "hub.verify_token", required = false) String verifyToken,
			@RequestParam(name = "hub.challenge", required = false) String challenge) {
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_PLAIN)
			.body(webhooks.challenge(mode, verifyToken, challenge));
	}

	@PostMapping(PATH)
	Mono<Receipt> receive(@RequestHeader(name = WhatsAppWebhooks.SIGNATURE_HEADER, required = false) String signature,
			@RequestBody(required = false) byte[] body) {
		return webhooks.receive(signature, body);
	}

}
