package dev.postpurchase.metrics.security;

import static dev.postpurchase.kit.security.EndpointAccess.open;
import static dev.postpurchase.kit.security.EndpointAccess.scopes;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.security.AccessRules;
import dev.postpurchase.kit.security.EndpointAccess;
import dev.postpurchase.kit.security.Scopes;

/** Who may call what on cx-metrics-service (first match wins). */
@Component
class MetricsServiceAccess implements AccessRules {

	@Override
	public List<EndpointAccess> endpoints() {
		return List.of(scopes(HttpMethod.GET, "/api/v1/kpis", Scopes.METRICS_READ),
				scopes(null, "/api/v1/admin/**", Scopes.ADMIN),
				open(HttpMethod.POST, "/api/v1/surveys", "a signed SURVEY link token for the order"));
	}

}
