package dev.postpurchase.order.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.security.AccessRules;
import dev.postpurchase.kit.security.Scopes;

/**
 * Who may call what on order-service. Bearer-token scopes for platforms, agents and operators;
 * the Shopify webhook authenticates by its HMAC signature and customer endpoints by their signed
 * link token, both checked in their handlers.
 */
@Component
class OrderServiceAccess implements AccessRules {

	@Override
	public void apply(AuthorizeExchangeSpec exchanges) {
		exchanges.pathMatchers(HttpMethod.POST, "/webhooks/shopify").permitAll()
			.pathMatchers(HttpMethod.GET, "/api/v1/customer/**").permitAll()
			.pathMatchers("/api/v1/admin/**").hasAuthority(Scopes.authority(Scopes.ADMIN))
			.pathMatchers(HttpMethod.POST, "/api/v1/orders/*/contacts", "/api/v1/orders/*/customer-links")
			.hasAuthority(Scopes.authority(Scopes.SUPPORT))
			.pathMatchers(HttpMethod.POST, "/api/v1/orders", "/api/v1/orders/*/cancel", "/api/v1/orders/*/fulfillments")
			.hasAuthority(Scopes.authority(Scopes.ORDERS_WRITE))
			.pathMatchers(HttpMethod.GET, "/api/v1/orders", "/api/v1/orders/**")
			.hasAnyAuthority(Scopes.anyOf(Scopes.ORDERS_READ, Scopes.SUPPORT));
	}

}
