package dev.postpurchase.notification.message;

import static dev.postpurchase.contracts.notification.Milestone.DELIVERED;
import static dev.postpurchase.contracts.notification.Milestone.ORDER_CONFIRMED;
import static dev.postpurchase.contracts.notification.Milestone.SHIPPED;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.web.util.HtmlUtils;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.notification.provider.Content;

/**
 * The email texts per milestone and language (en, nl, de, fr; en when the customer's language has
 * none). Plain text on purpose: each message is a greeting, one sentence and the tracking link, and
 * the HTML part is the same text, escaped.
 */
final class Templates {

	/**
	 * What a template needs.
	 *
	 * @param name the customer's name, may be {@code null} (then a greeting without a name)
	 * @param orderReference the order number the customer knows (the shop's, for example {@code #1001})
	 * @param zone the customer's time zone, for dates and times in the text
	 * @param links the links in the message
	 * @param details what the triggering event told
	 */
	record Values(String name, String orderReference, ZoneId zone, Links links, MessageDetails details) {

	}

	/**
	 * The links of a message, each already signed (and, in email, wrapped for click tracking).
	 *
	 * @param tracking the tracking page
	 * @param preferences the preferences and unsubscribe page
	 * @param survey the survey (DELIVERED), may be {@code null}
	 * @param openPixel email only: the open-tracking pixel, may be {@code null}
	 */
	record Links(String tracking, String preferences, String survey, String openPixel) {

	}

	private record Texts(String subject, String body, String linkLabel) {

	}

	static final String FALLBACK = "en";

	private static final Map<String, String> GREETING = Map.of("en", "Hello %s,", "nl", "Hallo %s,", "de", "Hallo %s,",
			"fr", "Bonjour %s,");

	private static final Map<String, String> ANONYMOUS_GREETING = Map.of("en", "Hello,", "nl", "Hallo,", "de",
			"Hallo,", "fr", "Bonjour,");

	private static final Map<Milestone, Map<String, Texts>> TEXTS = Map.of(ORDER_CONFIRMED, Map.of(
			"en", new Texts("We received your order %s", "Thank you! We received your order %s and are getting it ready.",
					"Follow your order"),
			"nl", new Texts("We hebben je bestelling %s ontvangen",
					"Bedankt! We hebben je bestelling %s ontvangen en maken hem klaar.", "Volg je bestelling"),
			"de", new Texts("Wir haben deine Bestellung %s erhalten",
					"Danke! Wir haben deine Bestellung %s erhalten und bereiten sie vor.", "Bestellung verfolgen"),
			"fr", new Texts("Nous avons bien reçu votre commande %s",
					"Merci ! Nous avons bien reçu votre commande %s et la préparons.", "Suivre votre commande")),
			SHIPPED, Map.of(
			"en", new Texts("Your order %s is on its way", "Good news: your order %s is on its way.", "Track your parcel"),
			"nl", new Texts("Je bestelling %s is onderweg", "Goed nieuws: je bestelling %s is onderweg.", "Volg je pakket"),
			"de", new Texts("Deine Bestellung %s ist unterwegs", "Gute Nachricht: Deine Bestellung %s ist unterwegs.",
					"Paket verfolgen"),
			"fr", new Texts("Votre commande %s est en route", "Bonne nouvelle : votre commande %s est en route.",
					"Suivre votre colis")),
			DELIVERED, Map.of(
			"en", new Texts("Your order %s has been delivered", "Your order %s has been delivered. Enjoy!",
					"View your order"),
			"nl", new Texts("Je bestelling %s is bezorgd", "Je bestelling %s is bezorgd. Veel plezier ermee!",
					"Bekijk je bestelling"),
			"de", new Texts("Deine Bestellung %s wurde zugestellt", "Deine Bestellung %s wurde zugestellt. Viel Freude!",
					"Bestellung ansehen"),
			"fr", new Texts("Votre commande %s a été livrée", "Votre commande %s a été livrée. Bonne utilisation !",
					"Voir votre commande")));

	private Templates() {
	}

	/** Whether the milestone has a template on the channel. */
	static boolean has(Milestone milestone, Channel channel) {
		return channel == Channel.EMAIL && TEXTS.containsKey(milestone);
	}

	/** The message of a milestone on a channel in the language (fallback en). */
	static Content render(Milestone milestone, Channel channel, String language, Values values) {
		return email(milestone, language, values);
	}

	private static Content email(Milestone milestone, String language, Values values) {
		var byLanguage = Optional.ofNullable(TEXTS.get(milestone))
			.orElseThrow(() -> new IllegalArgumentException("No email template for " + milestone));
		var locale = byLanguage.containsKey(language) ? language : FALLBACK;
		var texts = byLanguage.get(locale);
		var hasName = values.name() != null && !values.name().isBlank();
		var greeting = hasName ? GREETING.get(locale).formatted(values.name()) : ANONYMOUS_GREETING.get(locale);
		var subject = texts.subject().formatted(values.orderReference());
		var body = texts.body().formatted(values.orderReference());
		var text = greeting + "\n\n" + body + "\n\n" + texts.linkLabel() + ": " + values.links().tracking() + "\n";
		var html = "<!DOCTYPE html><html lang=\"" + locale + "\"><body>" + "<p>" + HtmlUtils.htmlEscape(greeting)
				+ "</p><p>" + HtmlUtils.htmlEscape(body) + "</p><p><a href=\""
				+ HtmlUtils.htmlEscape(values.links().tracking()) + "\">" + HtmlUtils.htmlEscape(texts.linkLabel())
				+ "</a></p></body></html>";
		return Content.email(name(milestone), locale, subject, text, html);
	}

	/** The template's name in the events, e.g. {@code order-confirmed.email}. */
	static String name(Milestone milestone) {
		return milestone.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".email";
	}

}
