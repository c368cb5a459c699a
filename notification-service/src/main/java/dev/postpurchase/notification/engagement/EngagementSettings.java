package dev.postpurchase.notification.engagement;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The signed links in emails that tell us a message was opened (a 1x1 image) or a link in it was
 * clicked (a redirect through notification-service).
 *
 * @param baseUrl the public address of notification-service, as customers' mail clients reach it;
 *     links are {@code <baseUrl>/api/v1/customer/engagement/...}
 * @param secret the HMAC-SHA256 key of the links' signatures, at least 32 characters; when blank a
 *     random key is made at start (development only: links in emails sent before a restart stop
 *     working, and a click on one gets a 400 instead of the page)
 * @param previousSecret during a rotation, the key being retired, still accepted: links live as long
 *     as the emails they are in, so keep it as long as old emails may still be opened
 */
@ConfigurationProperties("notifications.engagement")
public record EngagementSettings(@DefaultValue("http://localhost:8083") String baseUrl, String secret,
		String previousSecret) {

	@Override
	public String toString() {
		// never the secrets
		return "EngagementSettings[baseUrl=" + baseUrl + ", secret=" + (present(secret) ? "***" : "unset")
				+ ", previousSecret=" + (present(previousSecret) ? "***" : "unset") + "]";
	}

	static boolean present(String value) {
		return value != null && !value.isBlank();
	}

}
