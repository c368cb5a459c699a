package dev.postpurchase.tracking.security;

import static dev.postpurchase.kit.security.EndpointAccess.open;
import static dev.postpurchase.kit.security.EndpointAccess.scopes;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.security.AccessRules;
import dev.postpurchase.kit.security.EndpointAccess;
import dev.postpurchase.kit.security.Scopes;

/** Who may call what on tracking-service (first match wins). */
@Component
class TrackingServiceAccess implements AccessRules {

	@Override
	public List<EndpointAccess> endpoints() {
		return List.of(open(HttpMethod.POST, "/webhooks/aftership", "AfterShip's aftership-hmac-sha256 signature"),
				scopes(HttpMethod.POST, "/api/v1/exceptions/{id}/resolve", Scopes.SUPPORT),
				scopes(HttpMethod.GET, "/api/v1/exceptions", Scopes.ORDERS_READ, Scopes.SUPPORT),
				scopes(HttpMethod.POST, List.of("/api/v1/tracking-events", "/api/v1/shipments"), Scopes.TRACKING_WRITE),
				scopes(HttpMethod.GET, List.of("/api/v1/shipments", "/api/v1/shipments/**"), Scopes.ORDERS_READ,
						Scopes.SUPPORT));
	}

}
