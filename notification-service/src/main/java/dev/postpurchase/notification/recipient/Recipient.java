package dev.postpurchase.notification.recipient;

import java.time.Instant;
import java.util.Locale;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Whom an order's messages go to, as the customer gave it at checkout. Email, phone and name are
 * personal data: erased on request, never logged.
 *
 * @param orderId the document id
 * @param locale BCP 47 language tag
 * @param timeZone IANA zone id, {@code null} when unknown
 */
@Document(Recipients.COLLECTION)
public record Recipient(@Id String orderId, String customerId, String orderReference, String email, String phone,
		String name, String locale, String timeZone, boolean emailConsent, boolean smsConsent,
		boolean whatsappConsent, Instant updatedAt, Instant erasedAt) {

	/** Whether an email may and can be sent. */
	public boolean hasEmail() {
		return email != null && !email.isBlank();
	}

	/** The customer's language, from the locale's language subtag ({@code en} when unknown). */
	public String language() {
		if (locale == null || locale.isBlank()) {
			return "en";
		}
		var language = Locale.forLanguageTag(locale.replace('_', '-')).getLanguage();
		return language.isEmpty() ? "en" : language;
	}

	@Override
	public String toString() {
		// never print the contact data
		return "Recipient[orderId=" + orderId + ", customerId=" + customerId + "]";
	}

}
