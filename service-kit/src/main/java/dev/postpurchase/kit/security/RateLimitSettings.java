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
 * @param trustedProxies addresses (or CIDR ranges, e.g. {@code 10.0.0.0/8}) of the proxies in front of
 *     this service, such as the customer pages: for a request from one of them, the caller is the
 *     right-most address in {@code X-Forwarded-For} that is not a trusted proxy; from anyone else the
 *     header is ignored, so a client cannot pick its own bucket
 */
@ConfigurationProperties("postpurchase.security.rate-limit")
public record RateLimitSettings(@DefaultValue({ "/webhooks/**", "/api/v1/customer/**" }) List<String> paths,
		@DefaultValue("600") int requestsPerMinute, @DefaultValue("10000") int maxCallers,
		@DefaultValue({}) List<String> trustedProxies) {

}
