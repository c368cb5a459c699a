package dev.postpurchase.kit.security;

import java.util.List;

/**
 * A service's authorization rules: which scopes each of its endpoints needs. Every service declares
 * one bean. The shared security configuration applies them in order (first match wins) between the
 * open health probes and a final deny-all, so an endpoint nobody listed is closed, not open; the
 * OpenAPI document shows the same rules on every operation.
 */
@FunctionalInterface
public interface AccessRules {

	List<EndpointAccess> endpoints();

}
