package dev.postpurchase.notification.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.notification.Messages;
import dev.postpurchase.notification.Messages.Order;
import dev.postpurchase.notification.NotificationServiceIntegrationTest;
import dev.postpurchase.notification.Passes;
import dev.postpurchase.notification.SmtpServer;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.TestTokens;

/**
 * Emails as the customer receives them at the SMTP server, and what notification-service publishes
 * about them on {@code notification.events}.
 */
@NotificationServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class EmailNotificationIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** A link through click tracking: the target is the {@code u} parameter. */
	private static final Pattern CLICK = Pattern.compile(
			"https://notifications\\.example\\.test/api/v1/customer/engagement/([0-9a-f-]+)/click\\?u=([^&\\s\"]+)&(?:amp;)?sig=");

	private static final Pattern LINK = Pattern
		.compile("https://shop\\.example\\.test/track/(ord_[a-z0-9]+)\\?token=([A-Za-z0-9_.-]+)");

	private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

	private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9 ]{7,16}[0-9]");

	@Autowired
	WebTestClient web;

	@Autowired
	CustomerLinks links;

	@Autowired
	Notifications ledger;

	@Autowired
	RetryTask retries;

	@Autowired
	MutableClock clock;

	@Autowired
	NotificationSettings settings;

	private final Messages messages = new Messages();

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void anOrderPlacedInDutchGetsOneDutchConfirmationWithTextHtmlAndASignedTrackingLink() throws Exception {
		var order = Order.fresh();
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(order, "nl-NL", true));

		var email = onlyEmailTo(order);
		assertThat(email.getSubject()).isEqualTo("We hebben je bestelling WS-2026-0048213 ontvangen");
		var text = SmtpServer.part(email, "text/plain");
		var html = SmtpServer.part(email, "text/html");
		assertThat(text).contains("Hallo Sanne de Vries,").contains("Volg je bestelling");
		assertThat(html).contains("<p>Hallo Sanne de Vries,</p>");
		var click = CLICK.matcher(text);
		assertThat(click.find()).as("click-tracked tracking link in %s", text).isTrue();
		var link = LINK.matcher(URLDecoder.decode(click.group(2), StandardCharsets.UTF_8));
		assertThat(link.matches()).isTrue();
		assertThat(link.group(1)).isEqualTo(order.orderId());
		links.authorize(link.group(2), LinkPurpose.TRACKING, order.orderId());
		assertThat(CLICK.matcher(html).find()).isTrue();
		// the open pixel, and the one-click unsubscribe of RFC 8058
		assertThat(html).contains("https://notifications.example.test/api/v1/customer/engagement/" + click.group(1)
				+ "/open.gif?sig=");
		assertThat(email.getHeader("List-Unsubscribe")[0]).startsWith("<https://notifications.example.test/api/v1/"
				+ "customer/orders/" + order.orderId() + "/unsubscribe?channel=EMAIL&token=");
		assertThat(email.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
		// the footer's preferences link
		assertThat(text).contains("https://shop.example.test/preferences/" + order.orderId() + "?token=");

		var sent = sent(order, NotificationSent.TYPE, 1);
		assertThat(sent.get(0).value()).contains("\"milestone\":\"ORDER_CONFIRMED\"", "\"channel\":\"EMAIL\"",
				"\"template\":\"order-confirmed.email\"", "\"locale\":\"nl\"",
				"\"providerMessageId\":\"" + email.getMessageID() + "\"");
		assertThat(sent.get(0).value()).doesNotContain(order.email());
	}

	@Test
	void englishAndAnUnknownLanguageGetTheEnglishTemplate() throws Exception {
		var english = Order.fresh();
		var spanish = Order.fresh();
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(english, "en-GB", true));
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(spanish, "es-ES", true));

		assertThat(onlyEmailTo(english).getSubject()).isEqualTo("We received your order WS-2026-0048213");
		assertThat(onlyEmailTo(spanish).getSubject()).isEqualTo("We received your order WS-2026-0048213");
		assertThat(sent(spanish, NotificationSent.TYPE, 1).get(0).value()).contains("\"locale\":\"en\"");
	}

	@Test
	void theSameOrderPlacedDeliveredFiveTimesSendsOneEmail() throws Exception {
		var order = Order.fresh();
		var placed = messages.orderPlaced(order, "de-DE", true);
		for (int i = 0; i < 5; i++) {
			messages.publishOrderEvent(OrderPlaced.TYPE, placed);
		}
		assertThat(onlyEmailTo(order).getSubject()).isEqualTo("Wir haben deine Bestellung WS-2026-0048213 erhalten");
		// another OrderPlaced of this order (same key, same partition) comes after the five copies:
		// once its DUPLICATE suppression is out, the five have been handled
		var later = messages.orderPlaced(order, "de-DE", true);
		messages.publishOrderEvent(OrderPlaced.TYPE, later);
		var suppressed = sent(order, NotificationSuppressed.TYPE, 1);

		assertThat(suppressed).hasSize(1);
		assertThat(suppressed.get(0).value()).contains("\"reason\":\"DUPLICATE\"");
		assertThat(SmtpServer.receivedFor(order.email())).hasSize(1);
		assertThat(ofOrder(topics.readAll(Topics.NOTIFICATION_EVENTS, TIMEOUT), order, NotificationSent.TYPE))
			.hasSize(1);
		assertThat(ofOrder(topics.readAll(Topics.NOTIFICATION_EVENTS, TIMEOUT), order, NotificationSuppressed.TYPE))
			.hasSize(1);
	}

	@Test
	void twoInTransitChangesSendOneShippedEmailAndTheSecondIsADuplicate() throws Exception {
		var order = Order.fresh();
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(order, "fr-FR", true));
		sent(order, NotificationSent.TYPE, 1);

		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.inTransit(order));
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.inTransit(order));

		var duplicate = sent(order, NotificationSuppressed.TYPE, 1);
		assertThat(duplicate.get(0).value()).contains("\"reason\":\"DUPLICATE\"", "\"milestone\":\"SHIPPED\"");
		// a shipment's progress waits for the collapse window, in case a newer state replaces it
		assertThat(SmtpServer.receivedFor(order.email())).hasSize(1);
		passes().afterCollapseWindow();
		sent(order, NotificationSent.TYPE, 2);
		var shipped = SmtpServer.receivedFor(order.email())
			.stream()
			.filter(message -> subject(message).startsWith("Votre commande"))
			.toList();
		assertThat(shipped).hasSize(1);
		assertThat(shipped.get(0).getSubject()).isEqualTo("Votre commande WS-2026-0048213 est en route");
		assertThat(SmtpServer.receivedFor(order.email())).hasSize(2);
	}

	@Test
	void withoutEmailConsentNothingIsSentAndTheSuppressionIsPublished() {
		var order = Order.fresh();
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(order, "nl-NL", false));

		var suppressed = sent(order, NotificationSuppressed.TYPE, 1);
		assertThat(suppressed.get(0).value()).contains("\"reason\":\"NO_CONSENT\"",
				"\"milestone\":\"ORDER_CONFIRMED\"", "\"channel\":\"EMAIL\"");
		assertThat(SmtpServer.receivedFor(order.email())).isEmpty();
		assertThat(ofOrder(topics.readAll(Topics.NOTIFICATION_EVENTS, TIMEOUT), order, NotificationSent.TYPE))
			.isEmpty();
	}

	@Test
	void theNotificationsApiListsAnOrdersMessagesWithoutTheAddress() {
		var order = Order.fresh();
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(order, "en-US", true));
		sent(order, NotificationSent.TYPE, 1);

		var body = web.get()
			.uri("/api/v1/notifications?orderId={id}", order.orderId())
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.length()").isEqualTo(1)
			.jsonPath("$[0].milestone").isEqualTo("ORDER_CONFIRMED")
			.jsonPath("$[0].channel").isEqualTo("EMAIL")
			.jsonPath("$[0].status").isEqualTo("SENT")
			.jsonPath("$[0].sentAt").isNotEmpty()
			.jsonPath("$[0].createdAt").isNotEmpty()
			.returnResult().getResponseBody();
		assertThat(new String(body)).doesNotContain(order.email()).doesNotContainPattern(EMAIL);

		web.get().uri("/api/v1/notifications?orderId={id}", order.orderId())
			.headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.exchange()
			.expectStatus().isForbidden();
	}

	@Test
	void theLogsOfSendingHoldNoEmailAddressOrPhoneNumber(CapturedOutput output) {
		var order = Order.fresh();
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(order, "nl-NL", true));
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.inTransit(order));
		await().atMost(TIMEOUT).until(() -> ledger.ofOrder(order.orderId()).count().block() == 2);
		passes().afterCollapseWindow();
		sent(order, NotificationSent.TYPE, 2);

		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(output.getAll())
			.contains("Notification SHIPPED EMAIL of order " + order.orderId() + " sent"));
		assertThat(EMAIL.matcher(output.getAll()).results().map(m -> m.group()).toList()).isEmpty();
		assertThat(PHONE.matcher(output.getAll()).results().map(m -> m.group()).toList()).isEmpty();
	}

	private Passes passes() {
		return new Passes(clock, settings, () -> retries.runPass().block());
	}

	private MimeMessage onlyEmailTo(Order order) {
		await().atMost(TIMEOUT).until(() -> !SmtpServer.receivedFor(order.email()).isEmpty());
		var received = SmtpServer.receivedFor(order.email());
		assertThat(received).hasSize(1);
		return received.get(0);
	}

	private List<ConsumerRecord<String, String>> sent(Order order, String type, int atLeast) {
		return topics.read(Topics.NOTIFICATION_EVENTS,
				r -> order.orderId().equals(r.key()) && type.equals(KafkaTopics.header(r, "ce_type")), atLeast, TIMEOUT);
	}

	private static List<ConsumerRecord<String, String>> ofOrder(List<ConsumerRecord<String, String>> records,
			Order order, String type) {
		return records.stream()
			.filter(r -> order.orderId().equals(r.key()) && type.equals(KafkaTopics.header(r, "ce_type")))
			.toList();
	}

	private static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
