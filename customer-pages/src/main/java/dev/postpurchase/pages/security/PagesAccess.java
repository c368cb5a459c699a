package dev.postpurchase.pages.security;

import static dev.postpurchase.kit.security.EndpointAccess.open;
import static dev.postpurchase.kit.security.EndpointAccess.scopes;

import java.util.List;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.security.AccessRules;
import dev.postpurchase.kit.security.EndpointAccess;
import dev.postpurchase.kit.security.Scopes;

/**
 * Who may call what on customer-pages: everyone, for reading any page and sending the pages' forms,
 * because the customer's link token in the URL or form is checked by the backend that owns the data;
 * except the ops overview ({@code /ops}), which shows the KPIs and so is protected like the KPI API:
 * a bearer JWT with {@code metrics:read}, checked here as in every service and again by
 * cx-metrics-service. Other methods stay closed by service-kit's final deny-all. Health and
 * Prometheus are open as in every service.
 */
@Component
class PagesAccess implements AccessRules {

	static final String BECAUSE = "a customer page: the backend that owns the data checks the link token";

	/** The ops overview and anything under it. */
	static final List<String> OPS = List.of("/ops", "/ops/**");

	@Override
	public List<EndpointAccess> endpoints() {
		// first match wins: the staff page before the customer pages' open GET
		return List.of(scopes(HttpMethod.GET, OPS, Scopes.METRICS_READ), scopes(HttpMethod.HEAD, OPS, Scopes.METRICS_READ),
				open(HttpMethod.GET, "/**", BECAUSE), open(HttpMethod.HEAD, "/**", BECAUSE),
				open(HttpMethod.POST, "/survey/**", BECAUSE), open(HttpMethod.POST, "/preferences/**", BECAUSE),
				open(HttpMethod.POST, "/returns/**", BECAUSE));
	}

}
