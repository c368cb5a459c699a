package dev.postpurchase.notification.provider;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS through Twilio's Messages API (or anything speaking its wire format, such as the local
 * stack's simulator).
 *
 * @param baseUrl {@code https://api.twilio.com}; the simulator's address in the local stack
 * @param accountSid the account ({@code AC...}); with {@code authToken} the HTTP Basic credentials
 * @param authToken the auth token; also the key of Twilio's status callback signatures
 * @param previousAuthToken during a rotation, the secondary auth token, still accepted on callbacks
 * @param from the sending number (E.164); or use {@code messagingServiceSid}
 * @param messagingServiceSid a Messaging Service ({@code MG...}) instead of {@code from}
 * @param statusCallbackUrl where Twilio posts delivery statuses, exactly as Twilio will call it (it
 *     is what Twilio signs); none when blank
 * @param timeout how long one request may take
 */
@ConfigurationProperties("notifications.sms")
public record SmsSettings(@DefaultValue("https://api.twilio.com") String baseUrl, String accountSid,
		String authToken, String previousAuthToken, String from, String messagingServiceSid, String statusCallbackUrl,
		@DefaultValue("5s") Duration timeout) {

	/** Whether there are credentials and a sender. */
	public boolean configured() {
		return present(accountSid) && present(authToken) && (present(from) || present(messagingServiceSid));
	}

	static boolean present(String value) {
		return value != null && !value.isBlank();
	}

}
