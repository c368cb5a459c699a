package dev.postpurchase.notification.provider;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WhatsApp through Meta's WhatsApp Cloud API (or anything speaking its wire format, such as the
 * local stack's simulator): template messages from a business phone number.
 *
 * @param baseUrl {@code https://graph.facebook.com}
 * @param apiVersion the Graph API version in the path, for example {@code v21.0}
 * @param phoneNumberId the business phone number's id, in the path
 * @param accessToken the bearer token
 * @param appSecret the app secret that signs webhooks ({@code X-Hub-Signature-256})
 * @param previousAppSecret during a rotation, the previous app secret
 * @param verifyToken the token of Meta's webhook subscription handshake ({@code hub.verify_token})
 * @param timeout how long one request may take
 */
@ConfigurationProperties("notifications.whatsapp")
public record WhatsAppSettings(@DefaultValue("https://graph.facebook.com") String baseUrl,
		@DefaultValue("v21.0") String apiVersion, String phoneNumberId, String accessToken, String appSecret,
		String previousAppSecret, String verifyToken, @DefaultValue("5s") Duration timeout) {

	/** Whether there are credentials and a sending number. */
	public boolean configured() {
		return SmsSettings.present(phoneNumberId) && SmsSettings.present(accessToken);
	}

}
