package dev.postpurchase.notification.engagement;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The signed links in emails that tell us a message was opened (a 1x1 image) or a link in it was
 * clicked (a redirect through notification-service), under the service's public address
 * ({@code postpurchase.links.service-url}).
 *
 * @param secret the HMAC-SHA256 key of the links' signatures, at least 32 characters; when blank a
 *     random key is made at start (development only: links in emails sent before a restart stop
 *     working, and a click on one gets a 400 instead of the page)
 * @param previousSecret during a rotation, the key being retired, still accepted: links live as long
 *     as the emails they are in, so keep it as long as old emails may still be opened
 */
@ConfigurationProperties("notifications.engagement")
public record EngagementSettings(String secret, String previousSecret) {

	@Override
	public String toString() {
		// never the secrets
		return "EngagementSettings[secret=" + (present(secret) ? "***" : "unset")
				+ ", previousSecret=" + (present(previousSecret) ? "***" : "unset") + "]";
	}

	static boolean present(String value) {
		return value != null && !value.isBlank();
	}

}
