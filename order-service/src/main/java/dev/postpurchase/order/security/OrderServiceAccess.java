package dev.postpurchase.order.security;

import static dev.postpurchase.kit.security.EndpointAccess.open;
import static dev.postpurchase.kit.security.EndpointAccess.scopes;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.security.AccessRules;
import dev.postpurchase.kit.security.EndpointAccess;
import dev.postpurchase.kit.security.Scopes;

/**
 * Who may call what on order-service (first match wins). Bearer-token scopes for platforms, agents
 * and operators; the Shopify webhook authenticates by its HMAC signature and customer endpoints by
 * their signed link token, both checked in their handlers.
 */
@Component
class OrderServiceAccess implements AccessRules {

	@Override
	public List<EndpointAccess> endpoints() {
		return List.of(open(HttpMethod.POST, "/webhooks/shopify", "Shopify's X-Shopify-Hmac-Sha256 signature"),
				open(HttpMethod.GET, "/api/v1/customer/**", "a signed customer link token for this order"),
				scopes(null, "/api/v1/admin/**", Scopes.ADMIN),
				scopes(HttpMethod.POST, List.of("/api/v1/orders/{id}/contacts", "/api/v1/orders/{id}/customer-links"),
						Scopes.SUPPORT),
				scopes(HttpMethod.POST,
						List.of("/api/v1/orders", "/api/v1/orders/{id}/cancel", "/api/v1/orders/{id}/fulfillments"),
						Scopes.ORDERS_WRITE),
				scopes(HttpMethod.GET, List.of("/api/v1/orders", "/api/v1/orders/**"), Scopes.ORDERS_READ,
						Scopes.SUPPORT));
	}

}
