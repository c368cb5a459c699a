package dev.postpurchase.notification.provider;

import java.util.List;

/**
 * A rendered message.
 *
 * @param template our template name, for example {@code out-for-delivery.sms}; in the events
 * @param locale the language it was rendered in ({@code en}, {@code de}, {@code nl}, {@code fr})
 * @param subject email only
 * @param text the plain text (email's text part; the SMS body; WhatsApp's rendered preview)
 * @param html email only
 * @param providerTemplate WhatsApp only: the name of the approved message template at Meta, for
 *     example {@code out_for_delivery}
 * @param parameters WhatsApp only: the template's body parameters, in order
 */
public record Content(String template, String locale, String subject, String text, String html,
		String providerTemplate, List<String> parameters) {

	/** An email. */
	public static Content email(String template, String locale, String subject, String text, String html) {
		return new Content(template, locale, subject, text, html, null, List.of());
	}

	/** A text message (SMS). */
	public static Content text(String template, String locale, String text) {
		return new Content(template, locale, null, text, null, null, List.of());
	}

	/** A WhatsApp template message. */
	public static Content whatsapp(String template, String locale, String text, String providerTemplate,
			List<String> parameters) {
		return new Content(template, locale, null, text, null, providerTemplate, List.copyOf(parameters));
	}

}
