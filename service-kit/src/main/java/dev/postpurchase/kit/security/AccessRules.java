package dev.postpurchase.kit.security;

import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;

/**
 * A service's own authorization rules: which scopes each endpoint needs. Every service declares one
 * bean; the shared security configuration adds it between the open health probes and a final
 * deny-all, so an endpoint nobody listed is closed, not open.
 */
@FunctionalInterface
public interface AccessRules {

	void apply(AuthorizeExchangeSpec exchanges);

}
