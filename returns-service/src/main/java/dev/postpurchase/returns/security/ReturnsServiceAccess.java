package dev.postpurchase.returns.security;

import static dev.postpurchase.kit.security.EndpointAccess.scopes;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.security.AccessRules;
import dev.postpurchase.kit.security.EndpointAccess;
import dev.postpurchase.kit.security.Scopes;

/** Who may call what on returns-service (first match wins). */
@Component
class ReturnsServiceAccess implements AccessRules {

	@Override
	public List<EndpointAccess> endpoints() {
		return List.of(scopes(HttpMethod.GET, "/api/v1/returns/{returnId}", Scopes.ORDERS_READ, Scopes.SUPPORT,
				Scopes.RETURNS_WRITE));
	}

}
