package dev.postpurchase.notification.preference.web;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.notification.preference.Preference;
import dev.postpurchase.notification.preference.Preferences;
import dev.postpurchase.notification.recipient.Recipients;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The customer's preferences behind the signed PREFERENCES link in every message (no login): the
 * link is for one order, and the preferences are those of that order's customer. The token is
 * checked before anything is read (401 invalid or expired, 403 another order or purpose). Responses
 * hold no contact data.
 */
@RestController
class CustomerPreferenceController {

	private final CustomerLinks links;

	private final Recipients recipients;

	private final Preferences preferences;

	CustomerPreferenceController(CustomerLinks links, Recipients recipients, Preferences preferences) {
		this.links = links;
		this.recipients = recipients;
		this.preferences = preferences;
	}

	@GetMapping("/api/v1/customer/orders/{orderId}/preferences")
	Mono<PreferenceView> get(@PathVariable String orderId, @RequestParam(required = false) String token) {
		return customerOf(orderId, token).flatMap(customerId -> preferences.of(customerId)
			.defaultIfEmpty(Preference.defaults(customerId))
			.map(preference -> PreferenceView.forCustomer(preference, orderId)));
	}

	/** The same body as the agents' PUT. */
	@PutMapping("/api/v1/customer/orders/{orderId}/preferences")
	Mono<PreferenceView> put(@PathVariable String orderId, @RequestParam(required = false) String token,
			@RequestBody Mono<JsonNode> body) {
		// the body is read only once the link is known to be good
		return customerOf(orderId, token).flatMap(customerId -> body.map(PreferenceRequest::read)
			.flatMap(change -> preferences.save(customerId, change, Preference.CUSTOMER_LINK))
			.map(preference -> PreferenceView.forCustomer(preference, orderId)));
	}

	/**
	 * One-click unsubscribe (RFC 8058): the {@code List-Unsubscribe-Post} target of every message. Mail
	 * clients post {@code List-Unsubscribe=One-Click} form-encoded; the body carries nothing else and
	 * is ignored. Without {@code channel} every channel is switched off.
	 */
	@PostMapping("/api/v1/customer/orders/{orderId}/unsubscribe")
	Mono<PreferenceView> unsubscribe(@PathVariable String orderId, @RequestParam(required = false) String token,
			@RequestParam(required = false) String channel) {
		return customerOf(orderId, token).flatMap(customerId -> preferences
			.optOut(customerId, channels(channel), Preference.CUSTOMER_LINK)
			.map(preference -> PreferenceView.forCustomer(preference, orderId)));
	}

	/** The customer of the link's order: 401/403 for a bad link, 404 when the order is unknown here. */
	private Mono<String> customerOf(String orderId, String token) {
		return Mono.fromRunnable(() -> links.authorize(token, LinkPurpose.PREFERENCES, orderId))
			.then(recipients.of(orderId))
			.mapNotNull(recipient -> recipient.customerId())
			.switchIfEmpty(Mono.error(() -> Problems.notFound("Order " + orderId + " is not known to notifications")));
	}

	private static Set<Channel> channels(String channel) {
		if (channel == null || channel.isBlank()) {
			return EnumSet.allOf(Channel.class);
		}
		for (var known : Channel.values()) {
			if (known.name().equals(channel)) {
				return EnumSet.of(known);
			}
		}
		throw Problems.badRequest("channel: unknown channel; one of EMAIL, SMS, WHATSAPP, or absent for all");
	}

}
