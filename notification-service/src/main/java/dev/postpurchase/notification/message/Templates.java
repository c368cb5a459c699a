package dev.postpurchase.notification.message;

import static dev.postpurchase.contracts.exception.ExceptionKind.CARRIER_EXCEPTION;
import static dev.postpurchase.contracts.exception.ExceptionKind.EXPIRED;
import static dev.postpurchase.contracts.exception.ExceptionKind.FAILED_ATTEMPT;
import static dev.postpurchase.contracts.exception.ExceptionKind.LATE;
import static dev.postpurchase.contracts.exception.ExceptionKind.NO_INFO;
import static dev.postpurchase.contracts.exception.ExceptionKind.PICKUP_EXPIRING;
import static dev.postpurchase.contracts.exception.ExceptionKind.STALLED;
import static dev.postpurchase.contracts.notification.Milestone.DELAYED;
import static dev.postpurchase.contracts.notification.Milestone.DELIVERED;
import static dev.postpurchase.contracts.notification.Milestone.DELIVERY_ISSUE;
import static dev.postpurchase.contracts.notification.Milestone.ORDER_CANCELLED;
import static dev.postpurchase.contracts.notification.Milestone.ORDER_CONFIRMED;
import static dev.postpurchase.contracts.notification.Milestone.OUT_FOR_DELIVERY;
import static dev.postpurchase.contracts.notification.Milestone.REFUND_ISSUED;
import static dev.postpurchase.contracts.notification.Milestone.RETURN_APPROVED;
import static dev.postpurchase.contracts.notification.Milestone.SHIPPED;
import static dev.postpurchase.contracts.returns.ReturnMethod.DROP_OFF;
import static dev.postpurchase.contracts.returns.ReturnMethod.IN_STORE;
import static dev.postpurchase.contracts.returns.ReturnMethod.MAIL_IN;
import static dev.postpurchase.contracts.returns.ReturnOutcome.EXCHANGE;
import static dev.postpurchase.contracts.returns.ReturnOutcome.REFUND;
import static dev.postpurchase.contracts.returns.ReturnOutcome.STORE_CREDIT;

import java.text.Normalizer;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.web.util.HtmlUtils;

import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.returns.ReturnMethod;
import dev.postpurchase.contracts.returns.ReturnOutcome;
import dev.postpurchase.notification.provider.Content;

/**
 * The messages customers get: every {@link Milestone} on every {@link Channel} in en, de, nl and fr
 * (en for any other language). Informal "du"/"je" in German and Dutch, "vous" in French.
 *
 * <p>
 * The texts are data: per milestone a subject, a lead (what happened, in one or two sentences), a
 * shorter lead for SMS where the lead is too long, the label of the link and a closing line, each in
 * the four languages. A lead holds the placeholders {@code {order}} (the order reference) and, for
 * the milestones that need one, {@code {detail}}: the arrival time, what went wrong and the new
 * estimate, the return instructions or the refund, worked out from {@link MessageDetails} in the
 * customer's language and time zone. Each channel has one way to lay a message out:
 * <ul>
 * <li>Email: greeting (with the name when known), lead, tracking link as a button, closing, the survey
 * link when there is one, and a footer with the link to manage notifications or unsubscribe. The
 * text part and the HTML part say the same; the HTML part has inline styles only and loads nothing
 * but the open pixel.</li>
 * <li>SMS: short lead and tracking link, in GSM-7 characters (an accent GSM-7 lacks is dropped, a
 * non-breaking space becomes a space) so it stays in two segments. No name: a phone screen is
 * often seen by others. No unsubscribe text: the carrier handles STOP.</li>
 * <li>WhatsApp: a template approved at Meta, named after the milestone in snake case (for example
 * {@code out_for_delivery}), with the lead, the tracking link and the closing line. Its body per
 * language is {@link #whatsappBody}; create the Meta templates from it. The body parameters, in
 * this order:
 * <table>
 * <caption>WhatsApp template body parameters</caption>
 * <tr><th>Meta template</th><th>{{1}}</th><th>{{2}}</th><th>{{3}}</th></tr>
 * <tr><td>order_confirmed, shipped, delivered, order_cancelled</td><td>order reference</td>
 * <td>tracking link</td><td></td></tr>
 * <tr><td>out_for_delivery</td><td>order reference</td><td>when: "today" or "today around 14:30"</td>
 * <td>tracking link</td></tr>
 * <tr><td>delayed, delivery_issue</td><td>order reference</td><td>what happened and the new
 * estimate, two sentences</td><td>tracking link</td></tr>
 * <tr><td>return_approved</td><td>order reference</td><td>what to do, one or two sentences (with the
 * label link for mail-in)</td><td>tracking link</td></tr>
 * <tr><td>refund_issued</td><td>order reference</td><td>the amount and where it goes (or that the
 * exchange is on its way), one sentence</td><td>tracking link</td></tr>
 * </table>
 * The content's text is the body with the parameters filled in: what the customer sees.</li>
 * </ul>
 * Nothing is said that the service cannot know: no promise of later messages, no "reply to this
 * email".
 */
final class Templates {

	/**
	 * What a template needs.
	 *
	 * @param name the customer's name, may be {@code null} (then a greeting without a name)
	 * @param orderReference the order number the customer knows (the shop's, for example {@code #1001})
	 * @param zone the customer's time zone, for dates and times in the text; {@code null} means UTC
	 * @param links the links in the message
	 * @param details what the triggering event told; {@code null} means {@link MessageDetails#NONE}
	 */
	record Values(String name, String orderReference, ZoneId zone, Links links, MessageDetails details) {

	}

	/**
	 * The links of a message, each already signed (and, in email, wrapped for click tracking).
	 *
	 * @param tracking the tracking page, required
	 * @param preferences the preferences and unsubscribe page (email footer); every email should have
	 *     one, without it the footer is left out
	 * @param survey the survey (DELIVERED), may be {@code null}; email only
	 * @param openPixel email only: the open-tracking pixel, may be {@code null}
	 */
	record Links(String tracking, String preferences, String survey, String openPixel) {

	}

	/** The language of any customer whose language has no texts. */
	static final String FALLBACK = "en";

	/** The languages with texts. */
	static final List<String> LANGUAGES = List.of("en", "de", "nl", "fr");

	/** One text in each language. */
	private record Phrase(String en, String de, String nl, String fr) {

		Phrase {
			Stream.of(en, de, nl, fr).forEach(text -> {
				if (text == null || text.isBlank()) {
					throw new IllegalArgumentException("Missing translation of " + en);
				}
			});
		}

		String in(String language) {
			return switch (language) {
				case "de" -> de;
				case "nl" -> nl;
				case "fr" -> fr;
				default -> en;
			};
		}

		Stream<String> all() {
			return Stream.of(en, de, nl, fr);
		}

	}

	/**
	 * The texts of one milestone.
	 *
	 * @param subject the email subject, with {@code {order}}
	 * @param lead what happened, with {@code {order}} and maybe {@code {detail}}: the heart of every
	 *     channel's message
	 * @param sms the lead for SMS: the same facts, fewer words
	 * @param linkLabel the label of the tracking link
	 * @param closing the last line of email and WhatsApp
	 */
	private record Texts(Phrase subject, Phrase lead, Phrase sms, Phrase linkLabel, Phrase closing) {

		Texts {
			var withDetail = lead.en().contains("{detail}");
			Stream.concat(lead.all(), sms.all()).forEach(text -> {
				if (!text.contains("{order}") || text.contains("{detail}") != withDetail) {
					throw new IllegalArgumentException("Every lead needs {order}, and {detail} in all or none: " + text);
				}
			});
		}

		/** Texts whose lead is short enough for SMS. */
		Texts(Phrase subject, Phrase lead, Phrase linkLabel, Phrase closing) {
			this(subject, lead, lead, linkLabel, closing);
		}

	}

	private static final Phrase FOLLOW_ORDER = new Phrase("Follow your order", "Bestellung verfolgen",
			"Volg je bestelling", "Suivre votre commande");

	private static final Phrase TRACK_PARCEL = new Phrase("Track your parcel", "Paket verfolgen", "Volg je pakket",
			"Suivre votre colis");

	private static final Phrase VIEW_ORDER = new Phrase("View your order", "Bestellung ansehen",
			"Bekijk je bestelling", "Voir votre commande");

	private static final Phrase THANK_YOU_FOR_YOUR_PATIENCE = new Phrase("Thank you for your patience.",
			"Danke für deine Geduld.", "Bedankt voor je geduld.", "Merci de votre patience.");

	private static final Phrase SEE_YOU_AGAIN = new Phrase("We hope to see you again soon.",
			"Wir freuen uns, dich bald wiederzusehen.", "We hopen je snel weer te zien.",
			"Au plaisir de vous revoir bientôt !");

	private static final Map<Milestone, Texts> TEXTS = new EnumMap<>(Map.of(
			ORDER_CONFIRMED, new Texts(
					new Phrase("We received your order {order}",
							"Wir haben deine Bestellung {order} erhalten",
							"We hebben je bestelling {order} ontvangen",
							"Nous avons bien reçu votre commande {order}"),
					new Phrase("We received your order {order} and are getting it ready.",
							"Wir haben deine Bestellung {order} erhalten und bereiten sie vor.",
							"We hebben je bestelling {order} ontvangen en maken hem klaar.",
							"Nous avons bien reçu votre commande {order} et nous la préparons."),
					FOLLOW_ORDER,
					new Phrase("Thank you for shopping with us!", "Danke für deinen Einkauf!",
							"Bedankt voor je bestelling!", "Merci pour votre commande !")),
			SHIPPED, new Texts(
					new Phrase("Your order {order} is on its way",
							"Deine Bestellung {order} ist unterwegs",
							"Je bestelling {order} is onderweg",
							"Votre commande {order} est en route"),
					new Phrase("Good news: your order {order} is on its way.",
							"Gute Nachricht: Deine Bestellung {order} ist unterwegs.",
							"Goed nieuws: je bestelling {order} is onderweg.",
							"Bonne nouvelle : votre commande {order} est en route."),
					TRACK_PARCEL,
					new Phrase("We hope you'll love it!", "Wir hoffen, sie gefällt dir!",
							"We hopen dat je er blij mee bent!", "Nous espérons qu'elle vous plaira !")),
			OUT_FOR_DELIVERY, new Texts(
					new Phrase("Your order {order} arrives today",
							"Deine Bestellung {order} kommt heute",
							"Je bestelling {order} wordt vandaag bezorgd",
							"Votre commande {order} arrive aujourd'hui"),
					new Phrase("Your order {order} is out for delivery and arrives {detail}.",
							"Deine Bestellung {order} ist in der Zustellung und kommt {detail} an.",
							"Je bestelling {order} is onderweg naar je toe en wordt {detail} bezorgd.",
							"Votre commande {order} est en cours de livraison et arrive {detail}."),
					TRACK_PARCEL,
					new Phrase("Keep an eye out for the carrier.", "Halte Ausschau nach dem Zusteller.",
							"Houd de bezorger in de gaten.", "Guettez le passage du livreur !")),
			DELAYED, new Texts(
					new Phrase("Your order {order} is delayed",
							"Deine Bestellung {order} verspätet sich",
							"Je bestelling {order} is vertraagd",
							"Votre commande {order} a du retard"),
					new Phrase("We're sorry: your order {order} is delayed. {detail}",
							"Es tut uns leid: Deine Bestellung {order} verspätet sich. {detail}",
							"Het spijt ons: je bestelling {order} is vertraagd. {detail}",
							"Nous sommes désolés : votre commande {order} a du retard. {detail}"),
					new Phrase("Sorry, your order {order} is delayed. {detail}",
							"Sorry, deine Bestellung {order} verspätet sich. {detail}",
							"Sorry, je bestelling {order} is vertraagd. {detail}",
							"Désolés, votre commande {order} a du retard. {detail}"),
					TRACK_PARCEL, THANK_YOU_FOR_YOUR_PATIENCE),
			DELIVERY_ISSUE, new Texts(
					new Phrase("An update on the delivery of your order {order}",
							"Neuigkeiten zur Lieferung deiner Bestellung {order}",
							"Nieuws over de bezorging van je bestelling {order}",
							"Du nouveau sur la livraison de votre commande {order}"),
					new Phrase("We're sorry: something came up with the delivery of your order {order}. {detail}",
							"Es tut uns leid: Bei der Lieferung deiner Bestellung {order} ist etwas dazwischengekommen. {detail}",
							"Het spijt ons: er is iets tussengekomen bij de bezorging van je bestelling {order}. {detail}",
							"Nous sommes désolés : un imprévu est survenu lors de la livraison de votre commande {order}. {detail}"),
					new Phrase("Sorry, something came up with your order {order}. {detail}",
							"Sorry, bei deiner Bestellung {order} hakt es. {detail}",
							"Sorry, er is een probleem met je bestelling {order}. {detail}",
							"Désolés, un imprévu touche votre commande {order}. {detail}"),
					TRACK_PARCEL, THANK_YOU_FOR_YOUR_PATIENCE),
			DELIVERED, new Texts(
					new Phrase("Your order {order} has been delivered",
							"Deine Bestellung {order} wurde zugestellt",
							"Je bestelling {order} is bezorgd",
							"Votre commande {order} a été livrée"),
					new Phrase("Your order {order} has been delivered.",
							"Deine Bestellung {order} wurde zugestellt.",
							"Je bestelling {order} is bezorgd.",
							"Votre commande {order} a été livrée."),
					VIEW_ORDER,
					new Phrase("Enjoy!", "Viel Freude damit!", "Veel plezier ermee!", "Profitez-en bien !")),
			RETURN_APPROVED, new Texts(
					new Phrase("Your return for order {order} is approved",
							"Deine Rücksendung zur Bestellung {order} ist genehmigt",
							"Je retour voor bestelling {order} is goedgekeurd",
							"Votre retour pour la commande {order} est accepté"),
					new Phrase("Your return for order {order} is approved. {detail}",
							"Deine Rücksendung zur Bestellung {order} ist genehmigt. {detail}",
							"Je retour voor bestelling {order} is goedgekeurd. {detail}",
							"Votre retour pour la commande {order} est accepté. {detail}"),
					new Phrase("Follow your return", "Rücksendung verfolgen", "Volg je retour", "Suivre votre retour"),
					new Phrase("Thank you!", "Vielen Dank!", "Bedankt!", "Merci !")),
			REFUND_ISSUED, new Texts(
					new Phrase("Your return for order {order} has been processed",
							"Deine Rücksendung zur Bestellung {order} wurde bearbeitet",
							"Je retour voor bestelling {order} is verwerkt",
							"Votre retour pour la commande {order} a été traité"),
					new Phrase("Your return for order {order} has been processed. {detail}",
							"Deine Rücksendung zur Bestellung {order} wurde bearbeitet. {detail}",
							"Je retour voor bestelling {order} is verwerkt. {detail}",
							"Votre retour pour la commande {order} a été traité. {detail}"),
					new Phrase("View your return", "Rücksendung ansehen", "Bekijk je retour", "Voir votre retour"),
					SEE_YOU_AGAIN),
			ORDER_CANCELLED, new Texts(
					new Phrase("Your order {order} has been cancelled",
							"Deine Bestellung {order} wurde storniert",
							"Je bestelling {order} is geannuleerd",
							"Votre commande {order} a été annulée"),
					new Phrase("We confirm that your order {order} has been cancelled.",
							"Wir bestätigen dir die Stornierung deiner Bestellung {order}.",
							"We bevestigen dat je bestelling {order} is geannuleerd.",
							"Nous vous confirmons l'annulation de votre commande {order}."),
					VIEW_ORDER, SEE_YOU_AGAIN)));

	// the details (OUT_FOR_DELIVERY)

	private static final Phrase TODAY = new Phrase("today", "heute", "vandaag", "aujourd'hui");

	private static final Phrase TODAY_AROUND = new Phrase("today around {time}", "heute gegen {time} Uhr",
			"vandaag rond {time}", "aujourd'hui vers {time}");

	private static final Phrase TIME_PATTERN = new Phrase("HH:mm", "HH:mm", "HH:mm", "HH' h 'mm");

	// the details (DELAYED, DELIVERY_ISSUE): what happened, then what comes next

	private static final Map<ExceptionKind, Phrase> WHAT_HAPPENED = new EnumMap<>(Map.of(
			LATE, new Phrase("It's taking longer than we promised.",
					"Es dauert länger als versprochen.",
					"Het duurt langer dan we hadden beloofd.",
					"La livraison prend plus de temps que prévu."),
			STALLED, new Phrase("Your parcel hasn't been scanned for a while.",
					"Dein Paket wurde länger nicht gescannt.",
					"Je pakket is al een tijdje niet gescand.",
					"Votre colis n'a pas été scanné depuis un moment."),
			NO_INFO, new Phrase("The carrier hasn't scanned your parcel yet.",
					"Dein Paket wurde noch nicht gescannt.",
					"Je pakket is nog niet gescand.",
					"Votre colis n'a pas encore été scanné."),
			FAILED_ATTEMPT, new Phrase("The carrier tried to deliver but couldn't.",
					"Der Zustellversuch ist leider gescheitert.",
					"De bezorger kon je pakket niet afleveren.",
					"Le transporteur n'a pas pu livrer votre colis."),
			CARRIER_EXCEPTION, new Phrase("The carrier reported a problem on the way.",
					"Der Paketdienst meldet ein Problem.",
					"De vervoerder meldt een probleem onderweg.",
					"Le transporteur signale un problème en route."),
			PICKUP_EXPIRING, new Phrase("Your parcel is waiting at the pickup point.",
					"Dein Paket liegt an der Abholstelle bereit.",
					"Je pakket ligt voor je klaar bij het afhaalpunt.",
					"Votre colis vous attend au point de retrait."),
			EXPIRED, new Phrase("The carrier has stopped sending tracking updates.",
					"Der Paketdienst sendet keine Updates mehr.",
					"De vervoerder stuurt geen trackingupdates meer.",
					"Le transporteur ne met plus à jour le suivi.")));

	private static final Phrase NEW_ESTIMATE = new Phrase("We now expect it on {date}.",
			"Neuer Termin: voraussichtlich {date}.", "Nieuwe verwachte datum: {date}.",
			"Nouvelle date prévue : {date}.");

	private static final Phrase NO_ESTIMATE = new Phrase("We'll let you know as soon as we have a new date.",
			"Wir melden uns, sobald wir einen neuen Termin haben.",
			"We laten het je weten zodra er een nieuwe datum is.",
			"Nous vous recontacterons avec une nouvelle date.");

	private static final Phrase COLLECT_SOON = new Phrase("Please collect it soon, or it will be sent back.",
			"Bitte hol es bald ab, sonst geht es zurück.",
			"Haal het snel op, anders wordt het teruggestuurd.",
			"Pensez à le retirer, sinon il nous sera renvoyé.");

	private static final Phrase DATE_PATTERN = new Phrase("EEEE d MMMM", "EEEE, d. MMMM", "EEEE d MMMM",
			"EEEE d MMMM");

	// the details (RETURN_APPROVED)

	private static final Map<ReturnMethod, Phrase> RETURN_INSTRUCTIONS = new EnumMap<>(Map.of(
			MAIL_IN, new Phrase("Put the return label on the parcel and hand it to the carrier.",
					"Kleb das Rücksendeetikett auf das Paket und gib es beim Paketdienst ab.",
					"Plak het retourlabel op het pakket en geef het af bij de vervoerder.",
					"Collez l'étiquette de retour sur le colis et remettez-le au transporteur."),
			DROP_OFF, new Phrase("Pack the items and take the parcel to a drop-off point.",
					"Pack die Artikel ein und bring das Paket zu einer Abgabestelle.",
					"Pak de artikelen in en breng het pakket naar een inleverpunt.",
					"Emballez les articles et déposez le colis dans un point de dépôt."),
			IN_STORE, new Phrase("Bring the items to one of our stores.",
					"Bring die Artikel in eine unserer Filialen.",
					"Breng de artikelen naar een van onze winkels.",
					"Rapportez les articles dans l'un de nos magasins.")));

	private static final Phrase PRINT_LABEL = new Phrase(
			"Print your return label: {label} Put it on the parcel and hand it to the carrier.",
			"Druck dein Rücksendeetikett aus: {label} Kleb es auf das Paket und gib es beim Paketdienst ab.",
			"Print je retourlabel: {label} Plak het op het pakket en geef het af bij de vervoerder.",
			"Imprimez votre étiquette de retour : {label} Collez-la sur le colis et remettez-le au transporteur.");

	/** {@link #PRINT_LABEL} for SMS, where the link takes the room. */
	private static final Phrase PRINT_LABEL_BRIEF = new Phrase("Print your label: {label}",
			"Etikett zum Ausdrucken: {label}", "Print je label: {label}", "Étiquette à imprimer : {label}");

	private static final Phrase SEND_BACK = new Phrase("You can now send the items back.",
			"Du kannst die Artikel jetzt zurückschicken.", "Je kunt de artikelen nu terugsturen.",
			"Vous pouvez maintenant nous renvoyer les articles.");

	// the details (REFUND_ISSUED)

	private static final Map<ReturnOutcome, Phrase> REFUNDS = new EnumMap<>(Map.of(
			REFUND, new Phrase("We have refunded {amount} to your original payment method.",
					"Wir haben dir {amount} auf dein ursprüngliches Zahlungsmittel erstattet.",
					"We hebben {amount} terugbetaald via je oorspronkelijke betaalmethode.",
					"Nous vous avons remboursé {amount} sur votre moyen de paiement d'origine."),
			STORE_CREDIT, new Phrase("We have added {amount} to your account as store credit.",
					"Wir haben dir {amount} als Guthaben gutgeschrieben.",
					"We hebben {amount} als tegoed op je account gezet.",
					"Nous avons crédité {amount} sur votre compte sous forme d'avoir."),
			EXCHANGE, new Phrase("Your exchange is on its way.", "Dein Umtausch ist unterwegs.",
					"Je omruiling is onderweg.", "Votre échange est en route.")));

	/** A refund of which the event did not tell where the money goes. */
	private static final Phrase REFUNDED = new Phrase("We have refunded {amount}.", "Wir haben dir {amount} erstattet.",
			"We hebben {amount} terugbetaald.", "Nous vous avons remboursé {amount}.");

	private static final Phrase THE_AMOUNT = new Phrase("the amount", "den Betrag", "het bedrag", "le montant");

	/** Before a link: French puts a space before the colon. */
	private static final Phrase COLON = new Phrase(": ", ": ", ": ", " : ");

	// email

	private static final Phrase GREETING = new Phrase("Hello {name},", "Hallo {name},", "Hallo {name},",
			"Bonjour {name},");

	private static final Phrase ANONYMOUS_GREETING = new Phrase("Hello,", "Hallo,", "Hallo,", "Bonjour,");

	private static final Phrase HOW_DID_WE_DO = new Phrase("How did we do?", "Wie zufrieden bist du?",
			"Hoe hebben we het gedaan?", "Qu'avez-vous pensé de notre service ?");

	private static final Phrase SHARE_FEEDBACK = new Phrase("Share your feedback", "Gib uns Feedback",
			"Laat het ons weten", "Donnez-nous votre avis");

	private static final Phrase MANAGE_NOTIFICATIONS = new Phrase("Manage your notifications or unsubscribe",
			"Benachrichtigungen verwalten oder abbestellen", "Beheer je meldingen of meld je af",
			"Gérer vos notifications ou vous désabonner");

	private static final String TEXT_COLOR = "#1f2937";

	private static final String LINK_COLOR = "#1d4ed8";

	private static final String MUTED_COLOR = "#4b5563";

	// SMS: the GSM 03.38 alphabet; a character outside it turns the whole message into UCS-2 (70
	// instead of 160 characters a segment)

	private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

	private static final Map<Character, String> GSM_REPLACEMENTS = Map.ofEntries(Map.entry('\u00a0', " "),
			Map.entry('\u202f', " "), Map.entry('\u2009', " "), Map.entry('\u2018', "'"), Map.entry('\u2019', "'"),
			Map.entry('\u201c', "\""), Map.entry('\u201d', "\""), Map.entry('«', "\""), Map.entry('»', "\""),
			Map.entry('\u2013', "-"), Map.entry('\u2014', "-"), Map.entry('\u2026', "..."));

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)\\}");

	private static final Pattern PARAMETER = Pattern.compile("\\{\\{(\\d+)\\}\\}");

	static {
		for (var milestone : Milestone.values()) {
			if (!TEXTS.containsKey(milestone)) {
				throw new IllegalStateException("No texts for " + milestone);
			}
		}
	}

	private Templates() {
	}

	/** Whether the milestone has a template on the channel: every milestone has one on every channel. */
	static boolean has(Milestone milestone, Channel channel) {
		return milestone != null && channel != null && TEXTS.containsKey(milestone);
	}

	/**
	 * The message of a milestone on a channel.
	 *
	 * @param language the customer's language subtag ({@code de}); any language without texts, or
	 *     {@code null}, gets {@link #FALLBACK}
	 */
	static Content render(Milestone milestone, Channel channel, String language, Values values) {
		Objects.requireNonNull(values.links(), "links");
		Objects.requireNonNull(values.links().tracking(), "tracking link");
		var resolved = languageOf(language);
		var texts = TEXTS.get(milestone);
		return switch (channel) {
			case EMAIL -> email(milestone, texts, resolved, values);
			case SMS -> sms(milestone, texts, resolved, values);
			case WHATSAPP -> whatsapp(milestone, texts, resolved, values);
		};
	}

	/** The template's name in the events, e.g. {@code out-for-delivery.sms}. */
	static String name(Milestone milestone, Channel channel) {
		return milestone.name().toLowerCase(Locale.ROOT).replace('_', '-') + "."
				+ channel.name().toLowerCase(Locale.ROOT);
	}

	/** The name of the milestone's WhatsApp template at Meta, e.g. {@code out_for_delivery}. */
	static String providerTemplate(Milestone milestone) {
		return milestone.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The body of the milestone's WhatsApp template in a language, with the parameters as Meta writes
	 * them ({@code {{1}}}): the text to register at Meta, in each of {@link #LANGUAGES}.
	 */
	static String whatsappBody(Milestone milestone, String language) {
		var resolved = languageOf(language);
		var texts = TEXTS.get(milestone);
		var lead = texts.lead().in(resolved);
		var link = lead.contains("{detail}") ? "{{3}}" : "{{2}}";
		return fill(lead, Map.of("order", "{{1}}", "detail", "{{2}}")) + "\n\n" + texts.linkLabel().in(resolved)
				+ COLON.in(resolved) + link + "\n\n" + texts.closing().in(resolved);
	}

	/** The language with texts for a language subtag or tag ({@code de}, {@code de-AT}). */
	static String languageOf(String language) {
		if (language == null) {
			return FALLBACK;
		}
		var subtag = language.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
		return LANGUAGES.contains(subtag) ? subtag : FALLBACK;
	}

	private static Content email(Milestone milestone, Texts texts, String language, Values values) {
		var links = values.links();
		var name = values.name() == null ? "" : values.name().strip();
		var greeting = name.isEmpty() ? ANONYMOUS_GREETING.in(language)
				: fill(GREETING.in(language), Map.of("name", name));
		var subject = fill(texts.subject().in(language), Map.of("order", values.orderReference()));
		var lead = lead(texts.lead(), milestone, language, values, false);
		var linkLabel = texts.linkLabel().in(language);
		var closing = texts.closing().in(language);

		var text = new StringBuilder().append(greeting).append("\n\n").append(lead).append("\n\n")
			.append(linkLabel).append(COLON.in(language)).append(links.tracking()).append("\n\n")
			.append(closing).append("\n");
		var html = new StringBuilder().append("<!DOCTYPE html>\n<html lang=\"").append(language).append("\">\n")
			.append("<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
			.append("<title>").append(escape(subject)).append("</title></head>\n")
			.append("<body style=\"margin:0;padding:0;background-color:#ffffff;\">\n")
			.append("<div style=\"max-width:560px;margin:0 auto;padding:24px;font-family:Arial,Helvetica,sans-serif;")
			.append("font-size:16px;line-height:1.5;color:").append(TEXT_COLOR).append(";\">\n")
			.append("<p>").append(escape(greeting)).append("</p>\n")
			.append("<p>").append(linked(lead, labelUrlOf(values))).append("</p>\n")
			.append("<p style=\"margin:24px 0;\"><a href=\"").append(escape(links.tracking()))
			.append("\" style=\"display:inline-block;padding:12px 20px;background-color:").append(LINK_COLOR)
			.append(";color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;\">")
			.append(escape(linkLabel)).append("</a></p>\n")
			.append("<p>").append(escape(closing)).append("</p>\n");

		if (links.survey() != null) {
			text.append("\n").append(HOW_DID_WE_DO.in(language)).append(" ").append(SHARE_FEEDBACK.in(language))
				.append(COLON.in(language)).append(links.survey()).append("\n");
			html.append("<p>").append(escape(HOW_DID_WE_DO.in(language))).append(" <a href=\"")
				.append(escape(links.survey())).append("\" style=\"color:").append(LINK_COLOR).append(";\">")
				.append(escape(SHARE_FEEDBACK.in(language))).append("</a></p>\n");
		}
		if (links.preferences() != null) {
			text.append("\n--\n").append(MANAGE_NOTIFICATIONS.in(language)).append(COLON.in(language))
				.append(links.preferences()).append("\n");
			html.append("<hr style=\"border:0;border-top:1px solid #e5e7eb;margin:24px 0;\">\n")
				.append("<p style=\"font-size:13px;color:").append(MUTED_COLOR).append(";\"><a href=\"")
				.append(escape(links.preferences())).append("\" style=\"color:").append(MUTED_COLOR).append(";\">")
				.append(escape(MANAGE_NOTIFICATIONS.in(language))).append("</a></p>\n");
		}
		if (links.openPixel() != null) {
			html.append("<img src=\"").append(escape(links.openPixel()))
				.append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0;\">\n");
		}
		html.append("</div>\n</body>\n</html>\n");
		return Content.email(name(milestone, Channel.EMAIL), language, subject, text.toString(), html.toString());
	}

	private static Content sms(Milestone milestone, Texts texts, String language, Values values) {
		var text = lead(texts.sms(), milestone, language, values, true) + " " + texts.linkLabel().in(language)
				+ COLON.in(language) + values.links().tracking();
		return Content.text(name(milestone, Channel.SMS), language, gsm(text));
	}

	private static Content whatsapp(Milestone milestone, Texts texts, String language, Values values) {
		var parameters = new ArrayList<String>();
		parameters.add(values.orderReference());
		var detail = detail(milestone, language, values, false);
		if (detail != null) {
			parameters.add(detail);
		}
		parameters.add(values.links().tracking());
		// Meta refuses parameters with line breaks, tabs or runs of spaces
		var cleaned = parameters.stream().map(parameter -> parameter.replaceAll("\\s+", " ").strip()).toList();
		var text = replace(PARAMETER, whatsappBody(milestone, language),
				number -> cleaned.get(Integer.parseInt(number) - 1));
		return Content.whatsapp(name(milestone, Channel.WHATSAPP), language, text, providerTemplate(milestone),
				cleaned);
	}

	/** The lead with the order reference and the detail filled in. */
	private static String lead(Phrase lead, Milestone milestone, String language, Values values, boolean brief) {
		var detail = detail(milestone, language, values, brief);
		return fill(lead.in(language),
				detail == null ? Map.of("order", values.orderReference())
						: Map.of("order", values.orderReference(), "detail", detail));
	}

	/** What the milestone's lead says beyond the order reference; {@code null} for those that need nothing. */
	private static String detail(Milestone milestone, String language, Values values, boolean brief) {
		var details = values.details() == null ? MessageDetails.NONE : values.details();
		var zone = values.zone() == null ? ZoneOffset.UTC : values.zone();
		return switch (milestone) {
			case ORDER_CONFIRMED, SHIPPED, DELIVERED, ORDER_CANCELLED -> null;
			case OUT_FOR_DELIVERY -> details.newEstimate() == null ? TODAY.in(language)
					: fill(TODAY_AROUND.in(language),
							Map.of("time", format(details.newEstimate(), zone, TIME_PATTERN, language)));
			case DELAYED, DELIVERY_ISSUE -> whatHappened(milestone, details, zone, language);
			case RETURN_APPROVED -> instructions(details, language, brief);
			case REFUND_ISSUED -> refund(details, language);
		};
	}

	/** One sentence on what went wrong, one on what comes next. */
	private static String whatHappened(Milestone milestone, MessageDetails details, ZoneId zone, String language) {
		var kind = details.exceptionKind() != null ? details.exceptionKind()
				: milestone == DELAYED ? LATE : CARRIER_EXCEPTION;
		String next;
		if (kind == PICKUP_EXPIRING) {
			// the parcel is there: the customer has to act, a delivery estimate means nothing
			next = COLLECT_SOON.in(language);
		}
		else if (details.newEstimate() == null) {
			next = NO_ESTIMATE.in(language);
		}
		else {
			next = fill(NEW_ESTIMATE.in(language),
					Map.of("date", format(details.newEstimate(), zone, DATE_PATTERN, language)));
		}
		return WHAT_HAPPENED.get(kind).in(language) + " " + next;
	}

	private static String instructions(MessageDetails details, String language, boolean brief) {
		if (details.returnMethod() == null) {
			return SEND_BACK.in(language);
		}
		if (details.returnMethod() == MAIL_IN && details.labelUrl() != null) {
			return fill((brief ? PRINT_LABEL_BRIEF : PRINT_LABEL).in(language), Map.of("label", details.labelUrl()));
		}
		return RETURN_INSTRUCTIONS.get(details.returnMethod()).in(language);
	}

	private static String refund(MessageDetails details, String language) {
		var phrase = details.refundOutcome() == null ? REFUNDED : REFUNDS.get(details.refundOutcome());
		var amount = details.refundAmount() == null || details.refundAmount().amount() == null
				? THE_AMOUNT.in(language) : money(details.refundAmount(), language);
		return fill(phrase.in(language), Map.of("amount", amount));
	}

	/** The amount as the language writes money ({@code €49.95}, {@code 49,95 €}), never rounded. */
	private static String money(Money money, String language) {
		Currency currency;
		try {
			currency = Currency.getInstance(money.currency());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return money.amount().toPlainString() + (money.currency() == null ? "" : " " + money.currency());
		}
		var format = NumberFormat.getCurrencyInstance(Locale.forLanguageTag(language));
		format.setCurrency(currency);
		var digits = Math.max(currency.getDefaultFractionDigits(), 0);
		format.setMinimumFractionDigits(digits);
		format.setMaximumFractionDigits(Math.max(digits, money.amount().stripTrailingZeros().scale()));
		return format.format(money.amount());
	}

	private static String format(Instant instant, ZoneId zone, Phrase pattern, String language) {
		return DateTimeFormatter.ofPattern(pattern.in(language), Locale.forLanguageTag(language))
			.format(instant.atZone(zone));
	}

	private static String labelUrlOf(Values values) {
		return values.details() == null ? null : values.details().labelUrl();
	}

	/** Escaped text, with the label link (when in it) as a link. */
	private static String linked(String text, String url) {
		var escaped = escape(text);
		if (url == null || !text.contains(url)) {
			return escaped;
		}
		return escaped.replace(escape(url), "<a href=\"" + escape(url) + "\" style=\"color:" + LINK_COLOR + ";\">"
				+ escape(url) + "</a>");
	}

	private static String escape(String text) {
		// the mail is UTF-8: only markup characters need escaping
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	/** The text with each {@code {key}} replaced, in one pass (a value is never read as a placeholder). */
	private static String fill(String text, Map<String, String> values) {
		return replace(PLACEHOLDER, text, key -> {
			var value = values.get(key);
			if (value == null) {
				throw new IllegalStateException("No value for {" + key + "} in " + text);
			}
			return value;
		});
	}

	private static String replace(Pattern pattern, String text, Function<String, String> value) {
		var matcher = pattern.matcher(text);
		var result = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(result, Matcher.quoteReplacement(value.apply(matcher.group(1))));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	/**
	 * The text in GSM-7 characters: typographic spaces, quotes and dashes become their plain forms, a
	 * letter with an accent GSM-7 lacks loses the accent ({@code ç} becomes {@code c}). Anything else
	 * stays, and makes the message UCS-2.
	 */
	static String gsm(String text) {
		var result = new StringBuilder(text.length());
		for (var c : text.toCharArray()) {
			if (isGsm(c)) {
				result.append(c);
			}
			else if (GSM_REPLACEMENTS.containsKey(c)) {
				result.append(GSM_REPLACEMENTS.get(c));
			}
			else {
				var base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).charAt(0);
				result.append(isGsm(base) ? base : c);
			}
		}
		return result.toString();
	}

	private static boolean isGsm(char c) {
		return GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0;
	}

}
