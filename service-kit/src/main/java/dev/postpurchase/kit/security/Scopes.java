package dev.postpurchase.kit.security;

/**
 * The OAuth2 scopes of the platform's APIs. Tokens carry them in the standard {@code scope} claim;
 * Spring Security turns each into a {@code SCOPE_<scope>} authority.
 */
public final class Scopes {

	/** E-commerce platforms: place, cancel and fulfill orders. */
	public static final String ORDERS_WRITE = "orders:write";

	/** Support agents and back-office tools: read orders and their status. */
	public static final String ORDERS_READ = "orders:read";

	/** Support agents: log contacts, resolve delivery exceptions. */
	public static final String SUPPORT = "support";

	/** Carriers and tracking aggregators: send tracking updates, register shipments. */
	public static final String TRACKING_WRITE = "tracking:write";

	/** Agents and platforms acting on returns. */
	public static final String RETURNS_WRITE = "returns:write";

	/** Dashboards and analysts: the KPIs. */
	public static final String METRICS_READ = "metrics:read";

	/** Operators: dead-letter replay, erasure, rebuilds. */
	public static final String ADMIN = "admin";

	private Scopes() {
	}

	/** The Spring Security authority of a scope, for {@code hasAuthority} and {@code hasAnyAuthority}. */
	public static String authority(String scope) {
		return "SCOPE_" + scope;
	}

	/** The authorities of several scopes, any of which grants access. */
	public static String[] anyOf(String... scopes) {
		var authorities = new String[scopes.length];
		for (int i = 0; i < scopes.length; i++) {
			authorities[i] = authority(scopes[i]);
		}
		return authorities;
	}

}
