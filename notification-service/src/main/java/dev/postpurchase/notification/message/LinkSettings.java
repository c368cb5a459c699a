package dev.postpurchase.notification.message;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param baseUrl where the customer-facing pages are served (tracking, preferences, survey)
 * @param serviceUrl the public address of notification-service itself, for the links that reach it
 *     directly (one-click unsubscribe, open pixel, click tracking)
 */
@ConfigurationProperties("postpurchase.links")
public record LinkSettings(@DefaultValue("http://localhost:8080") String baseUrl,
		@DefaultValue("http://localhost:8083") String serviceUrl) {

}
