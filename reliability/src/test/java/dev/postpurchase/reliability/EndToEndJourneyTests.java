package dev.postpurchase.reliability;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.feedback.SurveyAnswered;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationSuppressed.Reason;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.OrderShipped;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnClosed;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentRegistered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.localstack.RunningStack.Provider;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.reliability.OrderPlan.Buyer;
import dev.postpurchase.reliability.OrderPlan.Checkpoint;
import dev.postpurchase.reliability.OrderPlan.Source;
import dev.postpurchase.reliability.OrderPlan.Update;
import dev.postpurchase.reliability.OrderPlan.Via;
import dev.postpurchase.testkit.DevRoles;
import dev.postpurchase.testkit.KafkaTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole journey, through the public interfaces only, every hop asserted where a user would see
 * it. Two customers walk it side by side: Anna buys on Shopify (a signed webhook; she agreed to texts),
 * her parcel is followed through AfterShip and {@code tracking.inbound} and held up by the carrier;
 * Ben orders through the REST API with a Stripe payment and a delivery promise that has already
 * passed (he agreed to WhatsApp). Both get their messages, both parcels are delivered, both answer
 * the survey of their delivery email and return one item with their return link: Ben's is refunded
 * at Stripe, Anna's as store credit (Shopify orders carry no payment reference to refund against).
 * The KPIs show it all.
 */
@ExtendWith(ReliabilityStack.class)
@Order(1)
class EndToEndJourneyTests {

	private static final Duration HOP = Duration.ofSeconds(90);

	private static final Pattern SURVEY_LINK = Pattern.compile("u=([^&\\s]*%2Fsurvey%2F[^&\\s]*)");

	@Test
	void fromCheckoutToRefundAndTheKpis(Platform platform) throws Exception {
		var kpisBefore = platform.kpis();
		var run = Long.toString(System.currentTimeMillis(), 36);
		var now = Instant.now();

		// Anna: Shopify, texts by SMS; her support agent has set her time zone, so no quiet hours hold texts now
		var annaShopifyId = 6_000_000_000_000L + System.currentTimeMillis() % 1_000_000_000L;
		var annaCustomerId = String.valueOf(9_000_000_000L + System.currentTimeMillis() % 1_000_000L);
		var anna = new OrderPlan(0, Source.SHOPIFY, String.valueOf(annaShopifyId),
				OrderId.of("shopify", String.valueOf(annaShopifyId)).value(),
				new Buyer(annaCustomerId, "anna-" + run + "@example.com", "+31970109991", true, false),
				Streams.AFTERSHIP_CARRIER, "3SJOURNEY" + run.toUpperCase(), List.of(), true);
		platform.noQuietHoursNow("shopify-" + annaCustomerId);
		// Ben: REST, WhatsApp, paid by Stripe; promised for an hour ago
		var ben = new OrderPlan(1, Source.REST, "JOURNEY-" + run, OrderId.of("reliability", "JOURNEY-" + run).value(),
				new Buyer("cus-journey-" + run, "ben-" + run + "@example.com", "+31970109992", false, true), "DHL Express",
				"JDJOURNEY" + run.toUpperCase(), List.of(), true);

		// 1. the orders come in: Shopify's webhook must be signed with the shop's secret
		var forged = platform.once(HttpRequest.newBuilder(platform.url("order-service", "/webhooks/shopify"))
			.header("Content-Type", "application/json")
			.header("X-Shopify-Topic", "orders/create")
			.header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
			.header("X-Shopify-Hmac-Sha256", HmacSignatures.signBase64("not-the-shop-secret", "{}".getBytes()))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build());
		assertThat(forged.statusCode()).as("a webhook signed with another secret").isEqualTo(401);
		platform.place(anna);
		var benPlaced = platform.once(platform.post("order-service", "/api/v1/orders", Platform.json(late(ben)),
				DevRoles.PLATFORM));
		assertThat(benPlaced.statusCode()).as(benPlaced.body()).isEqualTo(201);
		assertThat(json(benPlaced.body()).get("id").asString()).isEqualTo(ben.orderId());
		for (var order : List.of(anna, ben)) {
			event(platform, Topics.ORDER_EVENTS, order, OrderPlaced.TYPE);
			awaitMessage(platform, order, Milestone.ORDER_CONFIRMED, Channel.EMAIL);
		}
		assertThat(platform.orderStatus(anna.orderId()).get("customerId").asString()).isEqualTo("shopify-" + annaCustomerId);

		// 2. fulfillment: Anna's by Shopify's fulfillments/create, Ben's by REST; tracking-service follows both parcels
		platform.fulfill(anna);
		platform.fulfill(ben);
		for (var order : List.of(anna, ben)) {
			event(platform, Topics.ORDER_EVENTS, order, OrderShipped.TYPE);
			event(platform, Topics.SHIPMENT_EVENTS, order, ShipmentRegistered.TYPE);
		}

		// 3. carrier scans: Anna's through AfterShip (signed), Ben's on tracking.inbound
		var annaInfo = checkpoint(now.minusSeconds(3600), TrackingStatus.INFO_RECEIVED, null);
		var annaTransit = checkpoint(now.minusSeconds(3000), TrackingStatus.IN_TRANSIT, null);
		platform.scan(anna, new Update(annaTransit, Via.AFTERSHIP, List.of(annaInfo, annaTransit)));
		platform.scan(ben, new Update(checkpoint(now.minusSeconds(3500), TrackingStatus.IN_TRANSIT, null), Via.KAFKA,
				List.of()));
		for (var order : List.of(anna, ben)) {
			await().atMost(HOP).until(() -> statusChanges(platform, order).contains("InTransit"));
			awaitMessage(platform, order, Milestone.SHIPPED, Channel.EMAIL);
		}

		// 4. delays: the carrier holds Anna's parcel; Ben's promise has passed (tracking-service's checker sees it)
		var annaDelay = checkpoint(now.minusSeconds(2400), TrackingStatus.EXCEPTION, ExceptionReason.CARRIER_DELAY);
		platform.produce(Topics.TRACKING_INBOUND, anna.trackingNumber(), Platform.json(new InboundTrackingUpdate(
				anna.carrier(), anna.trackingNumber(), annaDelay.time().toString(), annaDelay.status(), "Exception_005",
				annaDelay.reason(), "Delayed at the sorting centre", null, null)), Map.of("ce_type", InboundTrackingUpdate.TYPE));
		assertThat(event(platform, Topics.DELIVERY_EXCEPTION_EVENTS, anna, DeliveryExceptionRaised.TYPE).value())
			.contains("\"CARRIER_EXCEPTION\"", "\"CARRIER_DELAY\"");
		assertThat(event(platform, Topics.DELIVERY_EXCEPTION_EVENTS, ben, DeliveryExceptionRaised.TYPE).value())
			.contains("\"LATE\"");
		var open = platform.get("tracking-service", "/api/v1/exceptions?limit=100", DevRoles.AGENT).get("items");
		assertThat(open.values()).anySatisfy(exception -> {
			assertThat(exception.get("orderId").asString()).isEqualTo(anna.orderId());
			assertThat(exception.get("kind").asString()).isEqualTo("CARRIER_EXCEPTION");
		}).anySatisfy(exception -> {
			assertThat(exception.get("orderId").asString()).isEqualTo(ben.orderId());
			assertThat(exception.get("kind").asString()).isEqualTo("LATE");
		});
		// the customers hear of it: Anna by email and SMS (urgent, both channels), Ben by email (no SMS consent)
		awaitMessage(platform, anna, Milestone.DELIVERY_ISSUE, Channel.EMAIL);
		awaitMessage(platform, anna, Milestone.DELIVERY_ISSUE, Channel.SMS);
		awaitMessage(platform, ben, Milestone.DELAYED, Channel.EMAIL);

		// 5. Anna's parcel moves again (AfterShip): her exception is resolved
		var annaMoving = checkpoint(now.minusSeconds(1800), TrackingStatus.IN_TRANSIT, null);
		platform.scan(anna, new Update(annaMoving, Via.AFTERSHIP, List.of(annaInfo, annaTransit, annaDelay, annaMoving)));
		assertThat(event(platform, Topics.DELIVERY_EXCEPTION_EVENTS, anna, DeliveryExceptionResolved.TYPE).value())
			.contains("SCANS_RESUMED");
		await().atMost(HOP).untilAsserted(() -> assertThat(platform.orderStatus(anna.orderId()).get("openExceptions").values())
			.isEmpty());

		// 6. out for delivery: Anna's SMS, Ben's WhatsApp
		var annaOut = checkpoint(now.minusSeconds(1200), TrackingStatus.OUT_FOR_DELIVERY, null);
		platform.scan(anna, new Update(annaOut, Via.AFTERSHIP, List.of(annaInfo, annaTransit, annaDelay, annaMoving, annaOut)));
		platform.scan(ben, new Update(checkpoint(now.minusSeconds(1100), TrackingStatus.OUT_FOR_DELIVERY, null), Via.REST,
				List.of()));
		awaitMessage(platform, anna, Milestone.OUT_FOR_DELIVERY, Channel.SMS);
		awaitMessage(platform, ben, Milestone.OUT_FOR_DELIVERY, Channel.WHATSAPP);
		assertThat(platform.stack().received(Provider.WHATSAPP)).anySatisfy(message -> assertThat(String.valueOf(message))
			.contains("/track/" + ben.orderId()));

		// 7. delivered: Anna on time, Ben late; his LATE exception ends with the delivery
		var annaDelivered = checkpoint(now.minusSeconds(600), TrackingStatus.DELIVERED, null);
		platform.scan(anna, new Update(annaDelivered, Via.AFTERSHIP,
				List.of(annaInfo, annaTransit, annaDelay, annaMoving, annaOut, annaDelivered)));
		platform.scan(ben, new Update(checkpoint(now.minusSeconds(500), TrackingStatus.DELIVERED, null), Via.KAFKA,
				List.of()));
		for (var order : List.of(anna, ben)) {
			event(platform, Topics.SHIPMENT_EVENTS, order, ShipmentDelivered.TYPE);
			awaitMessage(platform, order, Milestone.DELIVERED, Channel.EMAIL);
		}
		await().atMost(HOP).untilAsserted(() -> {
			var annaStatus = platform.orderStatus(anna.orderId()).get("latestShipment");
			assertThat(annaStatus.get("status").asString()).isEqualTo("Delivered");
			assertThat(annaStatus.get("promiseState").asString()).isIn("DELIVERED_EARLY", "DELIVERED_ON_TIME");
			var benStatus = platform.orderStatus(ben.orderId());
			assertThat(benStatus.get("latestShipment").get("promiseState").asString()).isEqualTo("DELIVERED_LATE");
			assertThat(benStatus.get("openExceptions").values()).isEmpty();
		});

		// 8. the survey of the delivery email, answered with the link's token (cx-metrics-service's survey API)
		for (var order : List.of(anna, ben)) {
			var surveyToken = surveyToken(platform, order);
			var answered = platform.once(platform.post("cx-metrics-service", "/api/v1/surveys", Platform.json(Map.of("orderId",
					order.orderId(), "token", surveyToken, "type", "NPS", "score", 10)), null));
			assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
			event(platform, Topics.FEEDBACK_EVENTS, order, SurveyAnswered.TYPE);
		}

		// 9. returns, by the customers' RETURN links: Anna's as store credit, Ben's refunded at Stripe
		var annaReturn = returnByLink(platform, anna, "STORE_CREDIT");
		var benReturn = returnByLink(platform, ben, "REFUND");
		for (var order : List.of(anna, ben)) {
			awaitMessage(platform, order, Milestone.RETURN_APPROVED, Channel.EMAIL);
			assertThat(event(platform, Topics.RETURN_EVENTS, order, ReturnClosed.TYPE).value())
				.contains(order == anna ? annaReturn : benReturn);
		}
		assertThat(event(platform, Topics.RETURN_EVENTS, anna, RefundIssued.TYPE).value()).contains("STORE_CREDIT");
		assertThat(event(platform, Topics.RETURN_EVENTS, ben, RefundIssued.TYPE).value()).contains("\"REFUND\"");
		assertThat(platform.stack().received(Provider.PAYMENTS)).filteredOn(refund -> String.valueOf(refund.get("metadata"))
			.contains(benReturn)).singleElement().satisfies(refund -> {
				assertThat(refund.get("payment_intent")).isEqualTo(Platform.paymentIntent(ben));
				assertThat(refund.get("amount")).isEqualTo(OrderPlan.RETURNED_PRICE_CENTS);
			});
		assertThat(platform.stack().received(Provider.PAYMENTS)).noneSatisfy(refund -> assertThat(
				String.valueOf(refund.get("metadata"))).contains(annaReturn));
		// the refund's confirmation would be each order's sixth non-urgent message today: the daily cap holds it back
		for (var order : List.of(anna, ben)) {
			await().atMost(HOP).untilAsserted(() -> assertThat(Effects.now(platform)
				.suppressed(order.orderId(), Milestone.REFUND_ISSUED, Channel.EMAIL, Reason.DAILY_CAP)).isTrue());
		}
		// every message once
		var effects = Effects.now(platform);
		for (var order : List.of(anna, ben)) {
			assertThat(effects.unexplained(order.orderId())).isZero();
			for (var key : effects.messagesOf(order.orderId())) {
				assertThat(effects.messages(key.orderId(), key.milestone(), key.channel())).as(key.toString()).isEqualTo(1);
			}
		}
		assertThat(effects.messagesOf(anna.orderId())).hasSize(7);
		assertThat(effects.messagesOf(ben.orderId())).hasSize(6);

		// 10. the KPIs count both orders, one late, two exceptions, two returns, two refunds, and the NPS
		await().atMost(HOP).untilAsserted(() -> {
			var kpis = platform.kpis();
			assertThat(grown(kpisBefore, kpis, "averageOrderValue", "count")).as("orders").isEqualTo(2);
			assertThat(grown(kpisBefore, kpis, "onTimeDeliveryRate", "denominator")).as("deliveries").isEqualTo(2);
			assertThat(grown(kpisBefore, kpis, "onTimeDeliveryRate", "numerator")).as("on time").isEqualTo(1);
			assertThat(grown(kpisBefore, kpis, "exceptionsPer100Shipments", "numerator")).as("exceptions").isEqualTo(2);
			assertThat(grown(kpisBefore, kpis, "returnRate", "numerator")).as("units returned").isEqualTo(2);
			assertThat(grown(kpisBefore, kpis, "refundCycleSecondsMean", "count")).as("refunds").isEqualTo(2);
			assertThat(grown(kpisBefore, kpis, "nps", "count")).as("NPS answers").isEqualTo(2);
			assertThat(kpis.get("nps").get("value").asDouble()).isEqualTo(100.0);
		});
	}

	/** Ben's order as the REST API gets it: promised for an hour ago. */
	private static Map<String, Object> late(OrderPlan ben) {
		@SuppressWarnings("unchecked")
		var order = (Map<String, Object>) EventJson.mapper().convertValue(Platform.inbound(ben), Map.class);
		var promise = new LinkedHashMap<String, Object>();
		promise.put("by", Instant.now().minus(Duration.ofHours(1)).toString());
		promise.put("timeZone", Platform.middayZone());
		order.put("promise", promise);
		return order;
	}

	private static Checkpoint checkpoint(Instant time, TrackingStatus status, ExceptionReason reason) {
		var sub = switch (status) {
			case INFO_RECEIVED -> "InfoReceived_001";
			case IN_TRANSIT -> "InTransit_002";
			case EXCEPTION -> "Exception_005";
			case OUT_FOR_DELIVERY -> "OutForDelivery_001";
			default -> "Delivered_001";
		};
		return new Checkpoint(time, status, sub, reason, status.name());
	}

	/** Waits for the event of the order on the topic, and returns it. */
	private static ConsumerRecord<String, String> event(Platform platform, String topic, OrderPlan order, String type) {
		return platform.topics()
			.read(topic, record -> order.orderId().equals(record.key()) && type.equals(KafkaTopics.header(record, "ce_type")),
					1, HOP)
			.get(0);
	}

	/** The statuses the order's parcel moved to, as shipment.events tells. */
	private static List<String> statusChanges(Platform platform, OrderPlan order) {
		return platform.topics()
			.readAll(Topics.SHIPMENT_EVENTS, HOP)
			.stream()
			.filter(record -> order.orderId().equals(record.key())
					&& ShipmentStatusChanged.TYPE.equals(KafkaTopics.header(record, "ce_type")))
			.map(record -> json(record.value()).get("status").asString())
			.toList();
	}

	/** Waits until the provider received the message (and exactly one). */
	private static void awaitMessage(Platform platform, OrderPlan order, Milestone milestone, Channel channel) {
		await().atMost(HOP)
			.untilAsserted(() -> assertThat(Effects.now(platform).messages(order.orderId(), milestone, channel))
				.as("%s %s of %s", milestone, channel, order.orderId())
				.isEqualTo(1));
	}

	/** The survey link's token, from the delivery email at the SMTP capture. */
	private static String surveyToken(Platform platform, OrderPlan order) {
		var mail = platform.stack()
			.received(Provider.MAIL)
			.stream()
			.map(message -> String.valueOf(message.get("text")))
			.filter(text -> text.contains(order.orderId()) && text.contains("%2Fsurvey%2F"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No email with a survey link for " + order.orderId()));
		var link = SURVEY_LINK.matcher(mail);
		assertThat(link.find()).as("the survey link in the delivery email").isTrue();
		var survey = URI.create(URLDecoder.decode(link.group(1), StandardCharsets.UTF_8));
		assertThat(survey.getPath()).isEqualTo("/survey/" + order.orderId());
		return survey.getQuery().substring("token=".length());
	}

	/**
	 * The customer returns one item with their RETURN link (issued by support): mail-in, approved at once
	 * (under the auto-approval limit); the carrier brings the parcel back; returns the return's id once
	 * it is in transit.
	 */
	private static String returnByLink(Platform platform, OrderPlan order, String outcome) {
		var token = platform.customerLink(order.orderId(), "RETURN");
		var request = Platform.json(Map.of("orderId", order.orderId(), "lines",
				List.of(Map.of("sku", OrderPlan.RETURNED_SKU, "quantity", 1)), "reason", "DOES_NOT_FIT", "outcome", outcome,
				"method", "MAIL_IN"));
		var created = platform.once(platform.post("returns-service", "/api/v1/returns?token=" + Platform.encode(token),
				request, null));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		var body = json(created.body());
		var returnId = body.get("id").asString();
		var label = body.get("label");
		assertThat(label.isNull()).as("a mail-in return has a label").isFalse();
		for (var status : List.of(TrackingStatus.IN_TRANSIT, TrackingStatus.DELIVERED)) {
			platform.scanReturn(label.get("carrier").asString(), label.get("trackingNumber").asString(), status);
		}
		return returnId;
	}

	private static long grown(JsonNode before, JsonNode after, String kpi, String field) {
		return after.path(kpi).path(field).asLong(0) - before.path(kpi).path(field).asLong(0);
	}

	private static JsonNode json(String body) {
		return EventJson.mapper().readTree(body);
	}

}
