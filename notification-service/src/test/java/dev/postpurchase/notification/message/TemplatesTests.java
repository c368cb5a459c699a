package dev.postpurchase.notification.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.returns.ReturnMethod;
import dev.postpurchase.contracts.returns.ReturnOutcome;
import dev.postpurchase.notification.message.Templates.Links;
import dev.postpurchase.notification.message.Templates.Values;
import dev.postpurchase.notification.provider.Content;

/** The messages as the customer reads them, per milestone, channel and language. */
class TemplatesTests {

	private static final String REFERENCE = "WS-2026-0048213";

	private static final String NAME = "Sanne de Vries";

	/** A signed link as long as the real ones get. */
	private static final String TRACKING = padded("https://shop.example.test/track/ord_7f3k2m9q?token=", 120);

	private static final String PREFERENCES = "https://shop.example.test/preferences?token=pref.abc&lang=x";

	private static final String SURVEY = "https://shop.example.test/survey/ord_7f3k2m9q?token=srv.abc";

	private static final String PIXEL = "https://notify.example.test/o/n_91ab.gif";

	private static final String LABEL = "https://labels.example.test/rtn_8f3k2j9d1q/label.pdf";

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	/** Wednesday 13 May in UTC, Thursday 14 May in Amsterdam. */
	private static final Instant NEAR_MIDNIGHT = Instant.parse("2026-05-13T23:30:00Z");

	/** The longest date to write: a Wednesday in September. */
	private static final Instant LONG_DATE = Instant.parse("2026-09-16T10:00:00Z");

	private static final Links LINKS = new Links(TRACKING, PREFERENCES, SURVEY, PIXEL);

	private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

	static Stream<Arguments> everyMessage() {
		return Stream.of(Milestone.values())
			.flatMap(milestone -> Stream.of(Channel.values())
				.flatMap(channel -> Templates.LANGUAGES.stream()
					.map(language -> Arguments.of(milestone, channel, language))));
	}

	static Stream<Arguments> everyMilestoneAndLanguage() {
		return Stream.of(Milestone.values())
			.flatMap(milestone -> Templates.LANGUAGES.stream().map(language -> Arguments.of(milestone, language)));
	}

	@ParameterizedTest(name = "{0} {1} {2}")
	@MethodSource("everyMessage")
	void everyMilestoneOnEveryChannelInEveryLanguageTellsTheOrderReferenceAndLinksToTracking(Milestone milestone,
			Channel channel, String language) {
		assertThat(Templates.has(milestone, channel)).isTrue();

		var content = render(milestone, channel, language, typicalDetails(milestone));

		assertThat(content.template()).isEqualTo(Templates.name(milestone, channel));
		assertThat(content.locale()).isEqualTo(language);
		assertThat(content.text()).isNotBlank().contains(REFERENCE).contains(TRACKING).doesNotContain("{");
		switch (channel) {
			case EMAIL -> {
				assertThat(content.subject()).contains(REFERENCE).doesNotContain("{");
				assertThat(content.text()).startsWith(greeting(language) + " " + NAME + ",")
					.endsWith(PREFERENCES + "\n");
				assertThat(content.html()).contains("<html lang=\"" + language + "\">")
					.contains("href=\"" + TRACKING + "\"")
					.contains("href=\"" + PREFERENCES.replace("&", "&amp;") + "\"")
					.doesNotContain("{");
				assertThat(content.html().indexOf(PREFERENCES.replace("&", "&amp;")))
					.as("the footer comes last").isGreaterThan(content.html().indexOf(TRACKING));
			}
			case SMS -> assertThat(content.subject()).isNull();
			case WHATSAPP -> {
				assertThat(content.providerTemplate()).isEqualTo(milestone.name().toLowerCase());
				assertThat(content.parameters()).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank());
				assertThat(content.parameters().get(0)).isEqualTo(REFERENCE);
				assertThat(content.parameters().get(content.parameters().size() - 1)).isEqualTo(TRACKING);
			}
		}
	}

	@Test
	void templateNamesFollowMilestoneAndChannel() {
		assertThat(Templates.name(Milestone.ORDER_CONFIRMED, Channel.EMAIL)).isEqualTo("order-confirmed.email");
		assertThat(Templates.name(Milestone.OUT_FOR_DELIVERY, Channel.SMS)).isEqualTo("out-for-delivery.sms");
		assertThat(Templates.name(Milestone.DELAYED, Channel.WHATSAPP)).isEqualTo("delayed.whatsapp");
		assertThat(Templates.providerTemplate(Milestone.OUT_FOR_DELIVERY)).isEqualTo("out_for_delivery");
	}

	@ParameterizedTest
	@ValueSource(strings = { "es", "pt-BR", "EN", "xx" })
	void aLanguageWithoutTextsGetsEnglish(String language) {
		for (var channel : Channel.values()) {
			var content = render(Milestone.SHIPPED, channel, language, MessageDetails.NONE);
			var english = render(Milestone.SHIPPED, channel, "en", MessageDetails.NONE);
			assertThat(content.locale()).isEqualTo("en");
			assertThat(content.text()).isEqualTo(english.text());
		}
		assertThat(Templates.render(Milestone.SHIPPED, Channel.EMAIL, null, values(MessageDetails.NONE)).subject())
			.isEqualTo("Your order WS-2026-0048213 is on its way");
	}

	@Test
	void aRegionalTagGetsItsLanguage() {
		assertThat(render(Milestone.SHIPPED, Channel.EMAIL, "de-AT", MessageDetails.NONE).subject())
			.isEqualTo("Deine Bestellung WS-2026-0048213 ist unterwegs");
	}

	@Test
	void theHtmlPartEscapesTheName() {
		var values = new Values("<script>alert('x')</script>", REFERENCE, AMSTERDAM, LINKS, MessageDetails.NONE);

		var email = Templates.render(Milestone.ORDER_CONFIRMED, Channel.EMAIL, "en", values);

		assertThat(email.html()).doesNotContain("<script>").contains("<p>Hello &lt;script&gt;alert(&#39;x&#39;)");
		assertThat(email.text()).startsWith("Hello <script>alert('x')</script>,");
	}

	@Test
	void withoutANameTheGreetingHasNone() {
		for (var name : new String[] { null, "  " }) {
			var values = new Values(name, REFERENCE, AMSTERDAM, LINKS, MessageDetails.NONE);
			var email = Templates.render(Milestone.DELIVERED, Channel.EMAIL, "de", values);
			assertThat(email.text()).startsWith("Hallo,\n");
			assertThat(email.html()).contains("<p>Hallo,</p>");
		}
	}

	@Test
	void theHtmlPartLoadsNothingButTheOpenPixel() {
		var email = render(Milestone.DELIVERED, Channel.EMAIL, "fr", MessageDetails.NONE);

		assertThat(Pattern.compile("src=\"([^\"]*)\"").matcher(email.html()).results().map(m -> m.group(1)))
			.containsExactly(PIXEL);
		assertThat(email.html()).contains("<img src=\"" + PIXEL + "\" width=\"1\" height=\"1\" alt=\"\"")
			.doesNotContain("<link")
			.doesNotContain("<script")
			.doesNotContain("url(");

		var withoutPixel = Templates.render(Milestone.DELIVERED, Channel.EMAIL, "fr", new Values(NAME, REFERENCE,
				AMSTERDAM, new Links(TRACKING, PREFERENCES, null, null), MessageDetails.NONE));
		assertThat(withoutPixel.html()).doesNotContain("<img").doesNotContain("src=");
	}

	@Test
	void theDeliveredEmailAsksForFeedbackOnlyWithASurveyLink() {
		var withSurvey = render(Milestone.DELIVERED, Channel.EMAIL, "en", MessageDetails.NONE);
		assertThat(withSurvey.text()).contains("How did we do? Share your feedback: " + SURVEY);
		assertThat(withSurvey.html()).contains("href=\"" + SURVEY + "\"");

		var withoutSurvey = Templates.render(Milestone.DELIVERED, Channel.EMAIL, "en", new Values(NAME, REFERENCE,
				AMSTERDAM, new Links(TRACKING, PREFERENCES, null, null), MessageDetails.NONE));
		assertThat(withoutSurvey.text()).doesNotContain("How did we do?");
		assertThat(withoutSurvey.html()).doesNotContain("How did we do?");

		assertThat(render(Milestone.DELIVERED, Channel.SMS, "en", MessageDetails.NONE).text()).doesNotContain(SURVEY);
	}

	@Test
	void theDelayShowsTheNewEstimateAsADateInTheCustomersZoneAndLanguage() {
		var details = delay(ExceptionKind.LATE, NEAR_MIDNIGHT);

		assertThat(render(Milestone.DELAYED, Channel.EMAIL, "en", details).text())
			.contains("We're sorry: your order WS-2026-0048213 is delayed. It's taking longer than we promised. "
					+ "We now expect it on Thursday 14 May.");
		assertThat(render(Milestone.DELAYED, Channel.EMAIL, "de", details).text())
			.contains("Neuer Termin: voraussichtlich Donnerstag, 14. Mai.");
		assertThat(render(Milestone.DELAYED, Channel.SMS, "de", details).text())
			.contains("Donnerstag, 14. Mai");
		assertThat(render(Milestone.DELAYED, Channel.WHATSAPP, "de", details).parameters().get(1))
			.isEqualTo("Es dauert länger als versprochen. Neuer Termin: voraussichtlich Donnerstag, 14. Mai.");

		var inUtc = Templates.render(Milestone.DELAYED, Channel.EMAIL, "en",
				new Values(NAME, REFERENCE, null, LINKS, details));
		assertThat(inUtc.text()).contains("Wednesday 13 May").doesNotContain("14 May");
	}

	@Test
	void withoutAnEstimateTheDelaySaysWeWillTell() {
		var details = delay(ExceptionKind.STALLED, null);

		assertThat(render(Milestone.DELAYED, Channel.EMAIL, "en", details).text())
			.contains("Your parcel hasn't been scanned for a while. We'll let you know as soon as we have a new date.");
		assertThat(render(Milestone.DELAYED, Channel.SMS, "nl", details).text())
			.contains("We laten het je weten zodra er een nieuwe datum is.");
	}

	@Test
	void eachKindOfProblemIsExplainedInItsOwnWordsInEveryLanguage() {
		for (var language : Templates.LANGUAGES) {
			var seen = new HashSet<String>();
			for (var kind : ExceptionKind.values()) {
				var text = render(Milestone.DELIVERY_ISSUE, Channel.WHATSAPP, language, delay(kind, null)).parameters()
					.get(1);
				assertThat(seen.add(text)).as("%s %s: %s", language, kind, text).isTrue();
			}
		}
		assertThat(render(Milestone.DELIVERY_ISSUE, Channel.EMAIL, "fr", delay(ExceptionKind.FAILED_ATTEMPT, null))
			.text()).contains("Nous sommes désolés").contains("Le transporteur n'a pas pu livrer votre colis.");
	}

	@Test
	void aParcelAtThePickupPointAsksTheCustomerToCollectIt() {
		var text = render(Milestone.DELIVERY_ISSUE, Channel.SMS, "en", delay(ExceptionKind.PICKUP_EXPIRING, LONG_DATE))
			.text();

		assertThat(text).contains("Your parcel is waiting at the pickup point. Please collect it soon")
			.doesNotContain("September");
	}

	@Test
	void outForDeliveryArrivesTodayWithTheEstimatedTimeInTheCustomersZone() {
		var around = new MessageDetails(Instant.parse("2026-05-14T12:30:00Z"), null, null, null, null, null, null,
				null);

		assertThat(render(Milestone.OUT_FOR_DELIVERY, Channel.SMS, "en", MessageDetails.NONE).text())
			.startsWith("Your order WS-2026-0048213 is out for delivery and arrives today.");
		assertThat(render(Milestone.OUT_FOR_DELIVERY, Channel.SMS, "en", around).text())
			.startsWith("Your order WS-2026-0048213 is out for delivery and arrives today around 14:30.");
		assertThat(render(Milestone.OUT_FOR_DELIVERY, Channel.EMAIL, "de", around).text())
			.contains("kommt heute gegen 14:30 Uhr an.");
		assertThat(render(Milestone.OUT_FOR_DELIVERY, Channel.WHATSAPP, "fr", around).parameters())
			.containsExactly(REFERENCE, "aujourd'hui vers 14 h 30", TRACKING);
		assertThat(render(Milestone.OUT_FOR_DELIVERY, Channel.EMAIL, "nl", around).subject())
			.isEqualTo("Je bestelling WS-2026-0048213 wordt vandaag bezorgd");
	}

	@Test
	void theRefundShowsTheAmountAsTheLanguageWritesMoney() {
		var refund = refund(ReturnOutcome.REFUND, Money.of("49.95", "EUR"));

		assertThat(render(Milestone.REFUND_ISSUED, Channel.EMAIL, "en", refund).text())
			.contains("We have refunded €49.95 to your original payment method.");
		assertThat(render(Milestone.REFUND_ISSUED, Channel.EMAIL, "de", refund).text())
			.contains("Wir haben dir 49,95\u00a0€ auf dein ursprüngliches Zahlungsmittel erstattet.");
		assertThat(render(Milestone.REFUND_ISSUED, Channel.EMAIL, "nl", refund).text()).contains("€\u00a049,95");
		assertThat(render(Milestone.REFUND_ISSUED, Channel.WHATSAPP, "fr", refund).parameters().get(1))
			.isEqualTo("Nous vous avons remboursé 49,95\u00a0€ sur votre moyen de paiement d'origine.");
		// an SMS has plain spaces: a non-breaking one would make it UCS-2
		assertThat(render(Milestone.REFUND_ISSUED, Channel.SMS, "de", refund).text()).contains("49,95 €");
		assertThat(render(Milestone.REFUND_ISSUED, Channel.EMAIL, "en", refund(ReturnOutcome.REFUND,
				Money.of("1249.5", "USD"))).text()).contains("$1,249.50");
	}

	@Test
	void theRefundSaysWhereTheMoneyGoes() {
		assertThat(render(Milestone.REFUND_ISSUED, Channel.SMS, "en",
				refund(ReturnOutcome.STORE_CREDIT, Money.of("20", "EUR"))).text())
			.contains("We have added €20.00 to your account as store credit.");
		assertThat(render(Milestone.REFUND_ISSUED, Channel.EMAIL, "en", refund(ReturnOutcome.EXCHANGE, null)).text())
			.contains("Your exchange is on its way.");
		assertThat(render(Milestone.REFUND_ISSUED, Channel.EMAIL, "de", refund(ReturnOutcome.REFUND, null)).text())
			.contains("Wir haben dir den Betrag auf dein ursprüngliches Zahlungsmittel erstattet.");
	}

	@Test
	void theApprovedReturnSaysWhatToDoForEachWayBack() {
		var mailIn = render(Milestone.RETURN_APPROVED, Channel.EMAIL, "en", returning(ReturnMethod.MAIL_IN, LABEL));
		assertThat(mailIn.text()).contains("Print your return label: " + LABEL
				+ " Put it on the parcel and hand it to the carrier.").contains("Follow your return: " + TRACKING);
		assertThat(mailIn.html()).contains("<a href=\"" + LABEL + "\"");
		assertThat(render(Milestone.RETURN_APPROVED, Channel.SMS, "de", returning(ReturnMethod.MAIL_IN, LABEL)).text())
			.contains("Etikett zum Ausdrucken: " + LABEL);

		assertThat(render(Milestone.RETURN_APPROVED, Channel.EMAIL, "en", returning(ReturnMethod.DROP_OFF, null))
			.text()).contains("take the parcel to a drop-off point");
		assertThat(render(Milestone.RETURN_APPROVED, Channel.EMAIL, "nl", returning(ReturnMethod.IN_STORE, null))
			.text()).contains("Breng de artikelen naar een van onze winkels.");
	}

	@Test
	void theCancellationIsConfirmed() {
		assertThat(render(Milestone.ORDER_CANCELLED, Channel.EMAIL, "fr", MessageDetails.NONE).text())
			.contains("Nous vous confirmons l'annulation de votre commande WS-2026-0048213.");
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("everyMilestoneAndLanguage")
	void everySmsIsGsm7AndFitsInTwoSegmentsWithALongLink(Milestone milestone, String language) {
		for (var details : everyDetail(milestone)) {
			var text = render(milestone, Channel.SMS, language, details).text();

			assertThat(text).contains(TRACKING);
			assertThat(isGsm7(text)).as("GSM-7: %s", text).isTrue();
			assertThat(gsm7Length(text)).as("two segments: %s", text).isLessThanOrEqualTo(306);
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("everyMilestoneAndLanguage")
	void smsAndWhatsAppNeverShowTheName(Milestone milestone, String language) {
		for (var channel : List.of(Channel.SMS, Channel.WHATSAPP)) {
			var content = render(milestone, channel, language, typicalDetails(milestone));
			assertThat(content.text()).doesNotContain("Sanne");
			assertThat(content.parameters()).noneMatch(p -> p.contains("Sanne"));
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("everyMilestoneAndLanguage")
	void theWhatsAppBodyIsOneMetaApprovesAndTheTextIsItFilledIn(Milestone milestone, String language) {
		var body = Templates.whatsappBody(milestone, language);
		var content = render(milestone, Channel.WHATSAPP, language, typicalDetails(milestone));

		var numbers = Pattern.compile("\\{\\{(\\d+)\\}\\}").matcher(body).results().map(m -> m.group(1)).toList();
		assertThat(numbers).as(body).containsExactlyElementsOf(
				Stream.iterate(1, n -> n + 1).limit(content.parameters().size()).map(String::valueOf).toList());
		assertThat(body).doesNotStartWith("{{").doesNotMatch("(?s).*\\{\\{\\d+\\}\\}\\W*")
			.doesNotMatch("(?s).*\\}\\}\\s*\\{\\{.*");
		var words = body.replaceAll("\\{\\{\\d+\\}\\}", " ").trim().split("\\s+").length;
		assertThat(words).as("words around %s parameters", numbers.size())
			.isGreaterThanOrEqualTo(3 * numbers.size() + 1);

		var filled = body;
		for (int i = 0; i < content.parameters().size(); i++) {
			var parameter = content.parameters().get(i);
			assertThat(parameter).doesNotContain("\n").doesNotContain("\t").doesNotContain("    ");
			filled = filled.replace("{{" + (i + 1) + "}}", parameter);
		}
		assertThat(content.text()).isEqualTo(filled);
	}

	@Test
	void everyLanguageGetsTheSameWhatsAppParameters() {
		for (var milestone : Milestone.values()) {
			var counts = new HashSet<Integer>();
			for (var language : Templates.LANGUAGES) {
				counts.add(render(milestone, Channel.WHATSAPP, language, typicalDetails(milestone)).parameters().size());
			}
			assertThat(counts).as("%s", milestone).hasSize(1);
		}
	}

	private static Content render(Milestone milestone, Channel channel, String language, MessageDetails details) {
		return Templates.render(milestone, channel, language, values(details));
	}

	private static Values values(MessageDetails details) {
		return new Values(NAME, REFERENCE, AMSTERDAM, LINKS, details);
	}

	private static String greeting(String language) {
		return switch (language) {
			case "fr" -> "Bonjour";
			case "en" -> "Hello";
			default -> "Hallo";
		};
	}

	private static MessageDetails typicalDetails(Milestone milestone) {
		return switch (milestone) {
			case DELAYED -> delay(ExceptionKind.LATE, NEAR_MIDNIGHT);
			case DELIVERY_ISSUE -> delay(ExceptionKind.FAILED_ATTEMPT, NEAR_MIDNIGHT);
			case OUT_FOR_DELIVERY -> delay(null, NEAR_MIDNIGHT);
			case RETURN_APPROVED -> returning(ReturnMethod.MAIL_IN, LABEL);
			case REFUND_ISSUED -> refund(ReturnOutcome.REFUND, Money.of("49.95", "EUR"));
			default -> MessageDetails.NONE;
		};
	}

	/** Every variant of the details a milestone's message can show, with the longest date and amount. */
	private static List<MessageDetails> everyDetail(Milestone milestone) {
		var all = new ArrayList<MessageDetails>();
		all.add(MessageDetails.NONE);
		for (var kind : EnumSet.allOf(ExceptionKind.class)) {
			all.add(delay(kind, LONG_DATE));
			all.add(delay(kind, null));
		}
		for (var method : ReturnMethod.values()) {
			all.add(returning(method, LABEL));
			all.add(returning(method, null));
		}
		for (var outcome : ReturnOutcome.values()) {
			all.add(refund(outcome, Money.of("1249.95", "EUR")));
			all.add(refund(outcome, null));
		}
		return all;
	}

	private static MessageDetails delay(ExceptionKind kind, Instant estimate) {
		return new MessageDetails(estimate, null, kind, "postnl", null, null, null, null);
	}

	private static MessageDetails returning(ReturnMethod method, String label) {
		return new MessageDetails(null, null, null, null, method, label, null, null);
	}

	private static MessageDetails refund(ReturnOutcome outcome, Money amount) {
		return new MessageDetails(null, null, null, null, null, null, amount, outcome);
	}

	private static boolean isGsm7(String text) {
		return text.chars().allMatch(c -> GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0);
	}

	/** Characters of the extension table take two. */
	private static int gsm7Length(String text) {
		return text.length() + (int) text.chars().filter(c -> GSM_EXTENSION.indexOf(c) >= 0).count();
	}

	private static String padded(String start, int length) {
		return start + "a1B2c3D4e5".repeat(20).substring(0, length - start.length());
	}

}
