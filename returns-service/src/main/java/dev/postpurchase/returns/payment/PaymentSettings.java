package dev.postpurchase.returns.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Refunds through Stripe's Refunds API (or anything speaking its wire format, such as the local
 * stack's simulator).
 *
 * @param baseUrl {@code https://api.stripe.com}; the simulator's address in the local stack
 * @param secretKey the API key sent as {@code Authorization: Bearer ...}: a restricted key
 *     ({@code rk_...}) allowed to write refunds and nothing else, or a secret key ({@code sk_...});
 *     refunds are not configured when blank
 * @param timeout how long one request may take
 */
@ConfigurationProperties("returns.payments")
public record PaymentSettings(@DefaultValue("https://api.stripe.com") String baseUrl, String secretKey,
		@DefaultValue("10s") Duration timeout) {

	/** Whether there is a key to refund with. */
	public boolean configured() {
		return secretKey != null && !secretKey.isBlank();
	}

	/** Never the key itself, should the settings end up in a log line or an error. */
	@Override
	public String toString() {
		return "PaymentSettings[baseUrl=" + baseUrl + ", secretKey=" + (configured() ? "(set)" : "(none)")
				+ ", timeout=" + timeout + "]";
	}

}
