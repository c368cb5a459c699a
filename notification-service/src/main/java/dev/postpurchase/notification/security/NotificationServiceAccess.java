package dev.postpurchase.notification.security;

import static dev.postpurchase.kit.security.EndpointAccess.open;
import static dev.postpurchase.kit.security.EndpointAccess.scopes;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.security.AccessRules;
import dev.postpurchase.kit.security.EndpointAccess;
import dev.postpurchase.kit.security.Scopes;

/** Who may call what on notification-service (first match wins). */
@Component
class NotificationServiceAccess implements AccessRules {

	@Override
	public List<EndpointAccess> endpoints() {
		return List.of(
				open(HttpMethod.POST, "/webhooks/twilio/status", "Twilio's X-Twilio-Signature"),
				open(HttpMethod.GET, "/webhooks/whatsapp", "Meta's hub.verify_token (subscription handshake)"),
				open(HttpMethod.POST, "/webhooks/whatsapp", "Meta's X-Hub-Signature-256 signature"),
				open(HttpMethod.GET, "/api/v1/customer/engagement/{notificationId}/open.gif",
						"the link's signature (sig); always answers the image"),
				open(HttpMethod.GET, "/api/v1/customer/engagement/{notificationId}/click",
						"the link's signature (sig) over the notification and the target URL"),
				scopes(HttpMethod.GET, "/api/v1/notifications", Scopes.ORDERS_READ, Scopes.SUPPORT));
	}

}
