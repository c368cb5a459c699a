package dev.postpurchase.notification.message;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnApproved;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.notification.Messages;
import dev.postpurchase.notification.Messages.Consents;
import dev.postpurchase.notification.Messages.Order;
import dev.postpurchase.notification.NotificationServiceIntegrationTest;
import dev.postpurchase.notification.Passes;
import dev.postpurchase.notification.ProviderStandIn;
import dev.postpurchase.notification.SmtpServer;
import dev.postpurchase.notification.message.Notification.Status;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.ScrapedMetrics;
import dev.postpurchase.testkit.TestTokens;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * Messages by SMS (Twilio's wire format) and WhatsApp (Cloud API) as the providers' HTTP stand-in
 * receives them, and by email at the SMTP server: the default rules, quiet hours, the collapse
 * window, the daily cap, consent and opt-out, and a failing SMS provider.
 */
@NotificationServiceIntegrationTest
class ChannelIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	Notifications ledger;

	@Autowired
	RetryTask retries;

	@Autowired
	MutableClock clock;

	@Autowired
	NotificationSettings settings;

	@Autowired
	CircuitBreakerRegistry breakers;

	@Autowired
	WebTestClient web;

	private final Messages messages = new Messages();

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	private Passes passes;

	@BeforeEach
	void daytimeAndHealthyProviders() {
		passes = new Passes(clock, settings, () -> retries.runPass().block());
		passes.daytime();
		ProviderStandIn.healSms();
		breakers.circuitBreaker("sms").reset();
	}

	@Test
	void outForDeliveryGoesBySmsInTheCustomersLanguageWithTheTrackingLink() {
		var order = placed("de-DE", Consents.ALL);
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(order, clock.instant()));
		awaitClaimed(order, Milestone.OUT_FOR_DELIVERY);
		// held for the collapse window first
		assertThat(ProviderStandIn.smsTo(order.phone())).isEmpty();

		passes.afterCollapseWindow();

		var sms = await().atMost(TIMEOUT).until(() -> ProviderStandIn.smsTo(order.phone()), list -> !list.isEmpty());
		assertThat(sms).hasSize(1);
		assertThat(sms.get(0)).containsEntry("From", "+3197010520000");
		assertThat(sms.get(0).get("Body")).contains("WS-2026-0048213")
			.contains("https://shop.example.test/track/" + order.orderId() + "?token=")
			.doesNotContain("Sanne");
		var sent = events(order, NotificationSent.TYPE, 2).stream().filter(r -> r.value().contains("\"SMS\"")).toList();
		assertThat(sent).hasSize(1);
		assertThat(sent.get(0).value()).contains("\"milestone\":\"OUT_FOR_DELIVERY\"",
				"\"template\":\"out-for-delivery.sms\"", "\"locale\":\"de\"", "\"providerMessageId\":\"SM")
			.doesNotContain(order.phone());
	}

	@Test
	void withoutSmsConsentOutForDeliveryGoesByWhatsAppAndWithoutEitherByEmail() {
		var whatsapp = placed("nl-NL", new Consents(true, false, true));
		var email = placed("en-GB", Consents.EMAIL_ONLY);
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(whatsapp, clock.instant()));
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(email, clock.instant()));
		awaitClaimed(whatsapp, Milestone.OUT_FOR_DELIVERY);
		awaitClaimed(email, Milestone.OUT_FOR_DELIVERY);
		passes.afterCollapseWindow();

		var requests = await().atMost(TIMEOUT)
			.until(() -> ProviderStandIn.whatsappTo(whatsapp.phone()), list -> !list.isEmpty());
		assertThat(requests).hasSize(1);
		var request = requests.get(0);
		assertThat(request.get("messaging_product").asString()).isEqualTo("whatsapp");
		assertThat(request.get("type").asString()).isEqualTo("template");
		assertThat(request.at("/template/name").asString()).isEqualTo("out_for_delivery");
		assertThat(request.at("/template/language/code").asString()).isEqualTo("nl");
		assertThat(request.at("/template/components/0/parameters").toString()).contains("WS-2026-0048213");
		assertThat(ProviderStandIn.smsTo(whatsapp.phone())).isEmpty();

		await().atMost(TIMEOUT).until(() -> SmtpServer.receivedFor(email.email()).size() == 2);
		assertThat(ProviderStandIn.smsTo(email.phone())).isEmpty();
		assertThat(ProviderStandIn.whatsappTo(email.phone())).isEmpty();
		assertThat(sentOn(email, Milestone.OUT_FOR_DELIVERY)).isEqualTo(Channel.EMAIL);
		assertThat(sentOn(whatsapp, Milestone.OUT_FOR_DELIVERY)).isEqualTo(Channel.WHATSAPP);
	}

	@Test
	void theSameEventDeliveredFiveTimesSendsOneSms() {
		var order = placed("fr-FR", Consents.ALL);
		var outForDelivery = messages.outForDelivery(order, clock.instant());
		for (int i = 0; i < 5; i++) {
			messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, outForDelivery);
		}
		// a later, different event of the order comes after the five copies on the same partition
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(order, clock.instant()));
		events(order, NotificationSuppressed.TYPE, 1);
		passes.afterCollapseWindow();
		await().atMost(TIMEOUT).until(() -> ProviderStandIn.smsTo(order.phone()).size() == 1);
		passes.afterCollapseWindow();

		assertThat(ProviderStandIn.smsTo(order.phone())).hasSize(1);
		assertThat(ofType(order, NotificationSuppressed.TYPE)).singleElement()
			.satisfies(r -> assertThat(r.value()).contains("\"reason\":\"DUPLICATE\""));
		assertThat(ofType(order, NotificationSent.TYPE).stream().filter(r -> r.value().contains("\"SMS\""))).hasSize(1);
	}

	@Test
	void quietHoursDeferAnSmsTo0800LocalTime() {
		var order = placed("nl-NL", Consents.ALL);
		// 23:00 in Amsterdam, the customer's time zone (the clock only moves forward)
		var now = clock.instant().atZone(AMSTERDAM);
		var lateEvening = now.toLocalDate().atTime(23, 0).atZone(AMSTERDAM);
		clock.set((lateEvening.isAfter(now) ? lateEvening : lateEvening.plusDays(1)).toInstant());
		var eightNextMorning = clock.instant().atZone(AMSTERDAM).toLocalDate().plusDays(1).atTime(LocalTime.of(8, 0))
			.atZone(AMSTERDAM).toInstant();

		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(order, clock.instant()));
		var deferred = events(order, NotificationSuppressed.TYPE, 1);
		assertThat(deferred.get(0).value()).contains("\"reason\":\"QUIET_HOURS\"", "\"channel\":\"SMS\"",
				"\"deferredUntil\":\"" + eightNextMorning + "\"");
		passes.afterCollapseWindow();
		passes.after(Duration.ofHours(2));
		assertThat(ProviderStandIn.smsTo(order.phone())).isEmpty();

		clock.set(eightNextMorning.plusSeconds(1));
		retries.runPass().block();

		await().atMost(TIMEOUT).until(() -> ProviderStandIn.smsTo(order.phone()).size() == 1);
		var sent = events(order, NotificationSent.TYPE, 2).stream().filter(r -> r.value().contains("\"SMS\"")).toList();
		assertThat(sent).hasSize(1);
		assertThat(Instant.parse(field(sent.get(0).value(), "occurredAt"))).isAfterOrEqualTo(eightNextMorning);
		// the same message, deferred and then sent
		assertThat(field(sent.get(0).value(), "notificationId")).isEqualTo(field(deferred.get(0).value(),
				"notificationId"));
	}

	@Test
	void aDelayIsToldByEmailAndSmsWithAnApologyAndTheNewEstimate() throws Exception {
		var order = placed("en-GB", Consents.ALL);
		messages.publish(DeliveryExceptionRaised.class, messages.exceptionRaised(order, "LATE"));
		await().atMost(TIMEOUT).until(() -> ledger.ofOrder(order.orderId()).count().block() == 3);
		passes.afterCollapseWindow();

		await().atMost(TIMEOUT).until(() -> ProviderStandIn.smsTo(order.phone()).size() == 1);
		await().atMost(TIMEOUT).until(() -> SmtpServer.receivedFor(order.email()).size() == 2);
		// the sample's new estimate, 2026-05-14T16:00Z, is Thursday 14 May in Amsterdam
		assertThat(ProviderStandIn.smsTo(order.phone()).get(0).get("Body")).contains("14 May");
		var email = SmtpServer.receivedFor(order.email()).get(1);
		assertThat(email.getContent().toString().isEmpty()).isFalse();
		assertThat(statuses(order)).containsEntry(Milestone.DELAYED + ":" + Channel.EMAIL, Status.SENT)
			.containsEntry(Milestone.DELAYED + ":" + Channel.SMS, Status.SENT);
	}

	@Test
	void deliveredReturnApprovedRefundIssuedAndCancelledAreToldByEmailInTheCustomersLanguage() throws Exception {
		var order = placed("de-DE", Consents.ALL);
		messages.publishShipmentEvent(ShipmentDelivered.TYPE, messages.delivered(order));
		awaitClaimed(order, Milestone.DELIVERED);
		passes.afterCollapseWindow();
		messages.publish(ReturnApproved.class, messages.returnApproved(order));
		messages.publish(RefundIssued.class, messages.refundIssued(order));
		await().atMost(TIMEOUT).until(() -> SmtpServer.receivedFor(order.email()).size() == 4);
		var cancelled = Order.fresh();
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(cancelled, "fr-FR", Consents.ALL));
		messages.publishOrderEvent(dev.postpurchase.contracts.order.OrderCancelled.TYPE, cancelled(cancelled));
		await().atMost(TIMEOUT).until(() -> SmtpServer.receivedFor(cancelled.email()).size() == 2);

		var emails = SmtpServer.receivedFor(order.email());
		assertThat(emails).extracting(message -> message.getSubject())
			.containsExactly("Wir haben deine Bestellung WS-2026-0048213 erhalten",
					"Deine Bestellung WS-2026-0048213 wurde zugestellt",
					"Deine Rücksendung zur Bestellung WS-2026-0048213 ist genehmigt",
					"Deine Rücksendung zur Bestellung WS-2026-0048213 wurde bearbeitet");
		// the survey link (click-tracked) in the delivered email, the label in the return's, the amount in the refund's
		assertThat(java.net.URLDecoder.decode(text(emails.get(1)), java.nio.charset.StandardCharsets.UTF_8))
			.contains("https://shop.example.test/survey/" + order.orderId() + "?token=");
		assertThat(text(emails.get(2))).contains("https://returns.postpurchase.dev/labels/ret_4M9C2T6WXK.pdf");
		assertThat(text(emails.get(3))).contains("129,95");
		assertThat(SmtpServer.receivedFor(cancelled.email()).get(1).getSubject())
			.isEqualTo("Votre commande WS-2026-0048213 a été annulée");
		// email only: these rules send no texts
		assertThat(ProviderStandIn.smsTo(order.phone())).isEmpty();
		assertThat(ProviderStandIn.whatsappTo(order.phone())).isEmpty();
	}

	@Test
	void outForDeliveryAndDeliveredWithinTheCollapseWindowMakeOneMessageWithTheLatestState() {
		var order = placed("en-US", Consents.ALL);
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(order, clock.instant()));
		awaitClaimed(order, Milestone.OUT_FOR_DELIVERY);
		passes.after(Duration.ofSeconds(30));
		messages.publishShipmentEvent(ShipmentDelivered.TYPE, messages.delivered(order));
		var collapsed = events(order, NotificationSuppressed.TYPE, 1);
		assertThat(collapsed.get(0).value()).contains("\"reason\":\"COLLAPSED\"", "\"milestone\":\"OUT_FOR_DELIVERY\"");

		passes.afterCollapseWindow();
		await().atMost(TIMEOUT).until(() -> SmtpServer.receivedFor(order.email()).size() == 2);
		assertThat(ProviderStandIn.smsTo(order.phone())).isEmpty();
		assertThat(statuses(order)).containsEntry(Milestone.OUT_FOR_DELIVERY + ":" + Channel.SMS, Status.SUPPRESSED)
			.containsEntry(Milestone.DELIVERED + ":" + Channel.EMAIL, Status.SENT);
	}

	@Test
	void aBurstOfSeveralOrdersShipmentEventsTellsEachCustomerTheirOwnLatestNews() {
		var collapsedByDelivery = placed("en-US", Consents.ALL);
		var outForDelivery = placed("de-DE", Consents.ALL);
		var emailOnly = placed("en-GB", Consents.EMAIL_ONLY);
		// one burst, the orders' events interleaved: read in one poll, handled side by side
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE,
				messages.outForDelivery(collapsedByDelivery, clock.instant()));
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(outForDelivery, clock.instant()));
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(emailOnly, clock.instant()));
		messages.publishShipmentEvent(ShipmentDelivered.TYPE, messages.delivered(collapsedByDelivery));
		messages.publishShipmentEvent(ShipmentDelivered.TYPE, messages.delivered(emailOnly));
		awaitClaimed(collapsedByDelivery, Milestone.DELIVERED);
		awaitClaimed(outForDelivery, Milestone.OUT_FOR_DELIVERY);
		awaitClaimed(emailOnly, Milestone.DELIVERED);

		passes.afterCollapseWindow();

		var sms = await().atMost(TIMEOUT).until(() -> ProviderStandIn.smsTo(outForDelivery.phone()), list -> !list.isEmpty());
		assertThat(sms).singleElement().satisfies(text -> assertThat(text.get("Body"))
			.contains("https://shop.example.test/track/" + outForDelivery.orderId() + "?token="));
		await().atMost(TIMEOUT).until(() -> SmtpServer.receivedFor(collapsedByDelivery.email()).size() == 2
				&& SmtpServer.receivedFor(emailOnly.email()).size() == 2);
		assertThat(SmtpServer.receivedFor(outForDelivery.email())).hasSize(1);
		assertThat(ProviderStandIn.smsTo(collapsedByDelivery.phone())).isEmpty();
		assertThat(ProviderStandIn.smsTo(emailOnly.phone())).isEmpty();
		assertThat(statuses(collapsedByDelivery))
			.containsEntry(Milestone.OUT_FOR_DELIVERY + ":" + Channel.SMS, Status.SUPPRESSED)
			.containsEntry(Milestone.DELIVERED + ":" + Channel.EMAIL, Status.SENT);
		assertThat(statuses(outForDelivery)).containsEntry(Milestone.OUT_FOR_DELIVERY + ":" + Channel.SMS, Status.SENT)
			.doesNotContainKey(Milestone.DELIVERED + ":" + Channel.EMAIL);
		assertThat(statuses(emailOnly)).containsEntry(Milestone.OUT_FOR_DELIVERY + ":" + Channel.EMAIL, Status.SUPPRESSED)
			.containsEntry(Milestone.DELIVERED + ":" + Channel.EMAIL, Status.SENT);
	}

	@Test
	void aShipmentEventWithoutItsOrderIsDeadLetteredAndTheRestOfItsBatchGoesOn() {
		var order = placed("en-GB", Consents.ALL);
		var orphan = messages.outForDelivery(order, clock.instant());
		orphan.remove("orderId");
		var key = "orphan-" + UUID.randomUUID();
		topics.send(Topics.SHIPMENT_EVENTS, key, orphan.toString(), Map.of("ce_type", ShipmentStatusChanged.TYPE, "ce_id",
				orphan.get("eventId").asString(), "ce_specversion", "1.0"));
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(order, clock.instant()));
		awaitClaimed(order, Milestone.OUT_FOR_DELIVERY);
		passes.afterCollapseWindow();

		await().atMost(TIMEOUT).until(() -> ProviderStandIn.smsTo(order.phone()).size() == 1);
		var dead = topics.read(Topics.deadLetter(Topics.SHIPMENT_EVENTS), r -> key.equals(r.key()), 1, TIMEOUT);
		assertThat(dead).singleElement().satisfies(r -> {
			assertThat(r.value()).contains(orphan.get("eventId").asString());
			// refused as it is read (CloudEventDeserializer), as every event without its order id is
			assertThat(KafkaTopics.header(r, "kafka_dlt-exception-cause-fqcn"))
				.isEqualTo("org.springframework.kafka.support.serializer.DeserializationException");
		});
		assertThat(ProviderStandIn.smsTo(order.phone())).hasSize(1);
	}

	@Test
	void aLateInTransitAfterDeliveredTellsNothingOld() {
		var order = placed("en-GB", Consents.EMAIL_ONLY);
		messages.publishShipmentEvent(ShipmentDelivered.TYPE, messages.delivered(order));
		awaitClaimed(order, Milestone.DELIVERED);
		passes.afterCollapseWindow();
		await().atMost(TIMEOUT).until(() -> SmtpServer.receivedFor(order.email()).size() == 2);

		// the carrier's in-transit scan reaches us after the delivery (its events take another path)
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.inTransit(order));
		var collapsed = events(order, NotificationSuppressed.TYPE, 1);
		assertThat(collapsed.get(0).value()).contains("\"reason\":\"COLLAPSED\"", "\"milestone\":\"SHIPPED\"");
		passes.afterCollapseWindow();
		assertThat(SmtpServer.receivedFor(order.email())).hasSize(2);
		assertThat(statuses(order)).containsEntry(Milestone.SHIPPED + ":" + Channel.EMAIL, Status.SUPPRESSED);
	}

	@Test
	void theDailyCapStopsTheSixthMessageOfTheDayButNotAnUrgentOne() {
		var order = placed("en-GB", Consents.EMAIL_ONLY);
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.inTransit(order));
		awaitClaimed(order, Milestone.SHIPPED);
		passes.afterCollapseWindow();
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(order, clock.instant()));
		awaitClaimed(order, Milestone.OUT_FOR_DELIVERY);
		passes.afterCollapseWindow();
		messages.publish(ReturnApproved.class, messages.returnApproved(order));
		awaitClaimed(order, Milestone.RETURN_APPROVED);
		messages.publishOrderEvent(dev.postpurchase.contracts.order.OrderCancelled.TYPE, cancelled(order));
		awaitClaimed(order, Milestone.ORDER_CANCELLED);
		await().atMost(TIMEOUT).until(() -> SmtpServer.receivedFor(order.email()).size() == 5);
		messages.publish(RefundIssued.class, messages.refundIssued(order));
		var capped = events(order, NotificationSuppressed.TYPE, 1);
		assertThat(capped.get(0).value()).contains("\"reason\":\"DAILY_CAP\"", "\"milestone\":\"REFUND_ISSUED\"");
		// urgent: a delivery problem is told even past the cap
		messages.publish(DeliveryExceptionRaised.class, messages.exceptionRaised(order, "FAILED_ATTEMPT"));
		awaitClaimed(order, Milestone.DELIVERY_ISSUE);
		passes.afterCollapseWindow();

		await().atMost(TIMEOUT).until(() -> SmtpServer.receivedFor(order.email()).size() == 6);
		assertThat(statuses(order)).containsEntry(Milestone.REFUND_ISSUED + ":" + Channel.EMAIL, Status.SUPPRESSED)
			.containsEntry(Milestone.DELIVERY_ISSUE + ":" + Channel.EMAIL, Status.SENT)
			.containsEntry(Milestone.ORDER_CANCELLED + ":" + Channel.EMAIL, Status.SENT);
	}

	@Test
	void aCustomerWhoOptedOutOfSmsGetsTheEmailAndTheSuppressionIsPublished() {
		var order = placed("de-DE", Consents.ALL);
		web.put().uri("/api/v1/customers/{id}/preferences", order.customerId())
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("channels", Map.of("SMS", false)))
			.exchange()
			.expectStatus().isOk();
		messages.publish(DeliveryExceptionRaised.class, messages.exceptionRaised(order, "STALLED"));

		var suppressed = events(order, NotificationSuppressed.TYPE, 1);
		assertThat(suppressed.get(0).value()).contains("\"reason\":\"OPTED_OUT\"", "\"channel\":\"SMS\"",
				"\"milestone\":\"DELAYED\"");
		passes.afterCollapseWindow();
		await().atMost(TIMEOUT).until(() -> SmtpServer.receivedFor(order.email()).size() == 2);
		assertThat(ProviderStandIn.smsTo(order.phone())).isEmpty();
	}

	@Test
	void aCustomerWithoutAnyConsentGetsNothingAndEachRefusalIsPublished() {
		var order = placed("en-GB", new Consents(false, false, false));
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(order, clock.instant()));
		var suppressed = events(order, NotificationSuppressed.TYPE, 4);
		assertThat(suppressed).extracting(ConsumerRecord::value)
			.allSatisfy(value -> assertThat(value).contains("\"reason\":\"NO_CONSENT\""))
			.anySatisfy(value -> assertThat(value).contains("\"channel\":\"SMS\"", "OUT_FOR_DELIVERY"))
			.anySatisfy(value -> assertThat(value).contains("\"channel\":\"WHATSAPP\"", "OUT_FOR_DELIVERY"))
			.anySatisfy(value -> assertThat(value).contains("\"channel\":\"EMAIL\"", "OUT_FOR_DELIVERY"));
		passes.afterCollapseWindow();
		assertThat(SmtpServer.receivedFor(order.email())).isEmpty();
		assertThat(ProviderStandIn.smsTo(order.phone())).isEmpty();
		assertThat(ProviderStandIn.whatsappTo(order.phone())).isEmpty();
	}

	@Test
	void aFailingSmsProviderOpensTheBreakerMessagesGoByWhatsAppAndTheStoredOnesGoOutOnceItRecovers() {
		var delayed = placed("en-GB", Consents.ALL);
		var second = placed("en-GB", Consents.ALL);
		var third = placed("en-GB", Consents.ALL);
		// 500s: a delay is told by email and SMS both; its SMS fails (3 calls: the retry's attempts) and is stored
		ProviderStandIn.failSms(aResponse().withStatus(500).withBody("{\"code\":20500,\"status\":500}"));
		messages.publish(DeliveryExceptionRaised.class, messages.exceptionRaised(delayed, "LATE"));
		awaitClaimed(delayed, Milestone.DELAYED);
		passes.afterCollapseWindow();
		var failed = events(delayed, NotificationFailed.TYPE, 1);
		assertThat(failed.get(0).value()).contains("\"errorCode\":\"HTTP_500\"", "\"willRetry\":true",
				"\"channel\":\"SMS\"");
		await().atMost(TIMEOUT).until(() -> SmtpServer.receivedFor(delayed.email()).size() == 2);
		assertThat(breakers.circuitBreaker("sms").getState()).isEqualTo(CircuitBreaker.State.CLOSED);

		// then timeouts: the fourth failed call opens the breaker, and out for delivery goes by WhatsApp
		ProviderStandIn.failSms(aResponse().withStatus(201).withFixedDelay(1_500));
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(second, clock.instant()));
		awaitClaimed(second, Milestone.OUT_FOR_DELIVERY);
		passes.afterCollapseWindow();
		await().atMost(TIMEOUT).until(() -> ProviderStandIn.whatsappTo(second.phone()).size() == 1);
		assertThat(breakers.circuitBreaker("sms").getState()).isEqualTo(CircuitBreaker.State.OPEN);
		// while it is open, new messages go by WhatsApp at once, and the stored SMS (no other channel) waits
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(third, clock.instant()));
		awaitClaimed(third, Milestone.OUT_FOR_DELIVERY);
		passes.afterCollapseWindow();
		await().atMost(TIMEOUT).until(() -> ProviderStandIn.whatsappTo(third.phone()).size() == 1);
		assertThat(ProviderStandIn.smsTo(third.phone())).isEmpty();
		assertThat(statuses(delayed)).containsEntry(Milestone.DELAYED + ":" + Channel.SMS, Status.PENDING);

		// the provider recovers; the breaker half-opens after its wait and lets the stored message through
		ProviderStandIn.healSms();
		await().atMost(TIMEOUT).until(() -> breakers.circuitBreaker("sms").getState() == CircuitBreaker.State.HALF_OPEN);
		passes.after(settings.retry().maxBackoff());
		passes.after(settings.retry().maxBackoff());

		assertThat(statuses(delayed)).containsEntry(Milestone.DELAYED + ":" + Channel.SMS, Status.SENT);
		assertThat(ofType(delayed, NotificationSent.TYPE).stream().filter(r -> r.value().contains("\"SMS\"")))
			.hasSize(1);
		assertThat(sentOn(second, Milestone.OUT_FOR_DELIVERY)).isEqualTo(Channel.WHATSAPP);
		assertThat(sentOn(third, Milestone.OUT_FOR_DELIVERY)).isEqualTo(Channel.WHATSAPP);
		for (var order : List.of(second, third)) {
			assertThat(ofType(order, NotificationSent.TYPE).stream()
				.filter(r -> r.value().contains("OUT_FOR_DELIVERY"))).as(order.orderId()).hasSize(1);
			assertThat(statuses(order)).doesNotContainKey(Milestone.OUT_FOR_DELIVERY + ":" + Channel.EMAIL);
		}
		assertThat(ProviderStandIn.whatsappTo(delayed.phone())).isEmpty();

		// another out-for-delivery scan, now that SMS works again: the same milestone, told already
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(third, clock.instant()));
		assertThat(events(third, NotificationSuppressed.TYPE, 1).get(0).value()).contains("\"reason\":\"DUPLICATE\"");
		passes.afterCollapseWindow();
		assertThat(ProviderStandIn.smsTo(third.phone())).isEmpty();
		assertThat(ProviderStandIn.whatsappTo(third.phone())).hasSize(1);
	}

	@Test
	void prometheusShowsMessagesProviderLatencyBreakersAndTheBacklog() {
		var order = placed("en-GB", Consents.ALL);
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(order, clock.instant()));
		awaitClaimed(order, Milestone.OUT_FOR_DELIVERY);
		passes.afterCollapseWindow();
		await().atMost(TIMEOUT).until(() -> ProviderStandIn.smsTo(order.phone()).size() == 1);

		var metrics = web.get().uri("/actuator/prometheus").exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(metrics)
			.contains("notifications_messages_total{channel=\"sms\",milestone=\"out_for_delivery\",outcome=\"sent\"")
			.contains("notifications_provider_latency_seconds_bucket{channel=\"sms\"")
			.contains("resilience4j_circuitbreaker_state{")
			.containsPattern("notifications_backlog\\{[^}]*state=\"deferred\"")
			.doesNotContain(order.phone().substring(1))
			.doesNotContain(order.orderId());
	}

	@Test
	void theWholeScrapeFollowsPrometheusNamingConventions() {
		var order = placed("en-GB", Consents.ALL);
		messages.publishShipmentEvent(ShipmentStatusChanged.TYPE, messages.outForDelivery(order, clock.instant()));
		awaitClaimed(order, Milestone.OUT_FOR_DELIVERY);
		passes.afterCollapseWindow();
		await().atMost(TIMEOUT).until(() -> ProviderStandIn.smsTo(order.phone()).size() == 1);

		var metrics = web.get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(metrics).contains("notifications_messages_total", "notifications_provider_latency_seconds_bucket",
				"resilience4j_circuitbreaker_state", "notifications_backlog", "kafka_consumer_", "jvm_");
		ScrapedMetrics.assertFollowsConventions(metrics);
		// our own meters say what they count where they are registered
		for (var own : List.of("notification_", "notifications_", "outbox_", "webhook_", "kafka_dlt_")) {
			assertThat(ScrapedMetrics.only(own, metrics)).as(own).doesNotContain("no description registered");
		}
	}

	/** The plain text part of an email. */
	private static String text(jakarta.mail.internet.MimeMessage email) throws Exception {
		return SmtpServer.part(email, "text/plain");
	}

	/** OrderCancelled of the order, as order-service publishes it. */
	private tools.jackson.databind.node.ObjectNode cancelled(Order order) {
		var cancelled = messages.orderPlaced(order, "en-GB", Consents.EMAIL_ONLY);
		cancelled.removeAll();
		cancelled.put("eventId", java.util.UUID.randomUUID().toString());
		cancelled.put("orderId", order.orderId());
		cancelled.put("occurredAt", clock.instant().toString());
		cancelled.put("reason", "CUSTOMER");
		return cancelled;
	}

	private Order placed(String locale, Consents consents) {
		var order = Order.fresh();
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(order, locale, consents));
		// the confirmation tells that the order's contact data are known
		events(order, consents.email() ? NotificationSent.TYPE : NotificationSuppressed.TYPE, 1);
		return order;
	}

	private void awaitClaimed(Order order, Milestone milestone) {
		await().atMost(TIMEOUT).until(() -> ledger.ofOrder(order.orderId())
			.any(entry -> entry.milestone() == milestone)
			.block());
	}

	private Channel sentOn(Order order, Milestone milestone) {
		return await().atMost(TIMEOUT).until(() -> ledger.ofOrder(order.orderId())
			.filter(entry -> entry.milestone() == milestone && entry.status() == Status.SENT)
			.map(Notification::channel)
			.next()
			.block(), channel -> channel != null);
	}

	private Map<String, Status> statuses(Order order) {
		return ledger.ofOrder(order.orderId())
			.collectMap(entry -> entry.milestone() + ":" + entry.channel(), Notification::status)
			.block();
	}

	private List<ConsumerRecord<String, String>> events(Order order, String type, int atLeast) {
		return topics.read(Topics.NOTIFICATION_EVENTS,
				r -> order.orderId().equals(r.key()) && type.equals(KafkaTopics.header(r, "ce_type")), atLeast, TIMEOUT);
	}

	private List<ConsumerRecord<String, String>> ofType(Order order, String type) {
		return topics.readAll(Topics.NOTIFICATION_EVENTS, Duration.ofSeconds(2))
			.stream()
			.filter(r -> order.orderId().equals(r.key()) && type.equals(KafkaTopics.header(r, "ce_type")))
			.toList();
	}

	private static String field(String json, String name) {
		var matcher = java.util.regex.Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		assertThat(matcher.find()).as("%s in %s", name, json).isTrue();
		return matcher.group(1);
	}

}
