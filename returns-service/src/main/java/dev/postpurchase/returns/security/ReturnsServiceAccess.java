package dev.postpurchase.returns.security;

import static dev.postpurchase.kit.security.EndpointAccess.open;
import static dev.postpurchase.kit.security.EndpointAccess.scopes;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.security.AccessRules;
import dev.postpurchase.kit.security.EndpointAccess;
import dev.postpurchase.kit.security.Scopes;

/**
 * Who may call what on returns-service (first match wins). Starting a return is open to both a
 * bearer token of scope {@code returns:write} and a customer's RETURN link of the order: the handler
 * checks which one came. The customer endpoints ({@code /api/v1/customer/**}) check the link of the
 * order themselves, and are rate limited per client address (service-kit's default paths).
 */
@Component
class ReturnsServiceAccess implements AccessRules {

	private static final String RETURN_LINK = "a signed RETURN link token for the return's order (token parameter)";

	@Override
	public List<EndpointAccess> endpoints() {
		return List.of(
				open(HttpMethod.POST, "/api/v1/returns",
						"a bearer token of scope returns:write, or a signed RETURN link token for the order (token parameter)"),
				scopes(HttpMethod.GET, "/api/v1/returns/{returnId}", Scopes.ORDERS_READ, Scopes.SUPPORT,
						Scopes.RETURNS_WRITE),
				scopes(HttpMethod.GET, "/api/v1/returns", Scopes.ORDERS_READ, Scopes.SUPPORT, Scopes.RETURNS_WRITE),
				scopes(HttpMethod.POST, List.of("/api/v1/returns/{returnId}/approve", "/api/v1/returns/{returnId}/reject",
						"/api/v1/returns/{returnId}/receive", "/api/v1/returns/{returnId}/refund/retry"),
						Scopes.RETURNS_WRITE),
				open(HttpMethod.GET, "/api/v1/customer/orders/{orderId}/returnable",
						"a signed RETURN link token for the order (token parameter)"),
				open(HttpMethod.GET, "/api/v1/customer/returns/{returnId}", RETURN_LINK),
				open(HttpMethod.GET, "/api/v1/customer/returns/{returnId}/label", RETURN_LINK));
	}

}
