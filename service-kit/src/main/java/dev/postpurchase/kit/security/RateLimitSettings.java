package dev.postpurchase.kit.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits of the public endpoints, the ones without a bearer token (webhooks, customer links).
 *
 * @param paths path patterns that are limited
 * @param requestsPerMinute sustained requests per caller (client address) and minute; also the burst
 * @param maxCallers callers remembered at once; the least recently seen are forgotten first
 */
@ConfigurationProperties("postpurchase.security.rate-limit")
public record RateLimitSettings(@DefaultValue({ "/webhooks/**", "/api/v1/customer/**" }) List<String> paths,
		@DefaultValue("600") int requestsPerMinute, @DefaultValue("10000") int maxCallers) {

}
