package dev.postpurchase.kit.security;

import java.util.List;

import org.springframework.http.HttpMethod;

/**
 * Who may call one group of endpoints: callers holding any of {@code scopes}, or, for
 * {@link #open open} endpoints, anyone, because the endpoint authenticates the caller itself (a
 * webhook signature, a customer link token). The same list drives the security filter chain and the
 * OpenAPI document, so what is enforced is what is documented.
 *
 * @param method the HTTP method, or null for every method
 * @param patterns Spring path patterns, for example {@code /api/v1/orders/{id}/cancel}
 * @param scopes any one of these grants access; empty for open endpoints
 * @param openBecause for open endpoints, how the endpoint authenticates its callers
 */
public record EndpointAccess(HttpMethod method, List<String> patterns, List<String> scopes, String openBecause) {

	/** Callers with any of the scopes. */
	public static EndpointAccess scopes(HttpMethod method, List<String> patterns, String... anyOf) {
		if (anyOf.length == 0) {
			throw new IllegalArgumentException("at least one scope");
		}
		return new EndpointAccess(method, List.copyOf(patterns), List.of(anyOf), null);
	}

	/** Callers with any of the scopes. */
	public static EndpointAccess scopes(HttpMethod method, String pattern, String... anyOf) {
		return scopes(method, List.of(pattern), anyOf);
	}

	/** No bearer token: the endpoint checks {@code because} itself. */
	public static EndpointAccess open(HttpMethod method, String pattern, String because) {
		return new EndpointAccess(method, List.of(pattern), List.of(), because);
	}

	public boolean isOpen() {
		return scopes.isEmpty();
	}

}
