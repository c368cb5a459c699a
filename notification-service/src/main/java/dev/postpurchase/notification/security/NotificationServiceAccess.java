package dev.postpurchase.notification.security;

import static dev.postpurchase.kit.security.EndpointAccess.open;
import static dev.postpurchase.kit.security.EndpointAccess.scopes;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.security.AccessRules;
import dev.postpurchase.kit.security.EndpointAccess;
import dev.postpurchase.kit.security.Scopes;

/**
 * Who may call what on notification-service (first match wins). Bearer-token scopes for agents and
 * ops; customer endpoints authenticate by their signed PREFERENCES link token, checked in the
 * handler for the order in the path; provider webhooks and email engagement links by their
 * signatures.
 */
@Component
class NotificationServiceAccess implements AccessRules {

	private static final String CUSTOMER_PREFERENCES = "/api/v1/customer/orders/{orderId}/preferences";

	private static final String PREFERENCES_LINK = "a signed PREFERENCES link token for this order (token parameter)";

	@Override
	public List<EndpointAccess> endpoints() {
		return List.of(scopes(HttpMethod.GET, "/api/v1/notifications", Scopes.ORDERS_READ, Scopes.SUPPORT),
				scopes(HttpMethod.GET, "/api/v1/customers/{customerId}/preferences", Scopes.ORDERS_READ,
						Scopes.SUPPORT),
				scopes(HttpMethod.PUT, "/api/v1/customers/{customerId}/preferences", Scopes.SUPPORT),
				open(HttpMethod.GET, CUSTOMER_PREFERENCES, PREFERENCES_LINK),
				open(HttpMethod.PUT, CUSTOMER_PREFERENCES, PREFERENCES_LINK),
				open(HttpMethod.POST, "/api/v1/customer/orders/{orderId}/unsubscribe", PREFERENCES_LINK),
				open(HttpMethod.POST, "/webhooks/twilio/status", "Twilio's X-Twilio-Signature"),
				open(HttpMethod.GET, "/webhooks/whatsapp", "Meta's hub.verify_token (subscription handshake)"),
				open(HttpMethod.POST, "/webhooks/whatsapp", "Meta's X-Hub-Signature-256 signature"),
				open(HttpMethod.GET, "/api/v1/customer/engagement/{notificationId}/open.gif",
						"the link's signature (sig); always answers the image"),
				open(HttpMethod.GET, "/api/v1/customer/engagement/{notificationId}/click",
						"the link's signature (sig) over the notification and the target URL"));
	}

}
