package dev.postpurchase.reliability;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.order.Address;
import dev.postpurchase.contracts.order.Consents;
import dev.postpurchase.contracts.order.Customer;
import dev.postpurchase.contracts.order.OrderLine;
import dev.postpurchase.contracts.order.Payment;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.localstack.RunningStack;
import dev.postpurchase.reliability.OrderPlan.Checkpoint;
import dev.postpurchase.testkit.DevRoles;
import dev.postpurchase.testkit.KafkaTopics;

/**
 * The platform as its users reach it: e-commerce platforms (REST, signed Shopify webhooks,
 * {@code orders.inbound}), carriers (REST, {@code tracking.inbound}, signed AfterShip webhooks), support
 * agents and the returns desk (REST with the development issuer's tokens), and customers (their signed
 * links). Like those senders, every call is tried again until the platform takes it: a refused
 * connection, a 5xx or a 429 means "later", never "lost" (a webhook keeps its delivery id, so a
 * platform that took the first try absorbs the second).
 */
final class Platform {

	/** How long a sender keeps trying one call before it gives up and the scenario fails. */
	static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

	private static final String PAYMENT_INTENT_PREFIX = "pi_rel";

	/** A Prometheus sample with labels: name, labels, value. */
	private static final Pattern GAUGE = Pattern.compile("^(\\w+)\\{([^}]*)} (\\S+)$");

	private final RunningStack stack;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

	private final KafkaProducer<String, byte[]> producer;

	private final KafkaTopics topics;

	private final Admin admin;

	/** Calls that had to be tried again, for the report. */
	private final AtomicLong retries = new AtomicLong();

	Platform(RunningStack stack) {
		this.stack = stack;
		this.topics = new KafkaTopics(stack.kafkaBootstrapServers());
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
		// a carrier's or platform's producer: it waits out a broker outage instead of dropping records
		this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) GIVE_UP_AFTER.toMillis(),
				ProducerConfig.MAX_BLOCK_MS_CONFIG, GIVE_UP_AFTER.toMillis(), ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
				ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.CLIENT_ID_CONFIG, "reliability-senders"),
				new StringSerializer(), new ByteArraySerializer());
	}

	RunningStack stack() {
		return this.stack;
	}

	KafkaTopics topics() {
		return this.topics;
	}

	long retries() {
		return this.retries.get();
	}

	// ---- e-commerce platforms

	/** Places the order as its platform does; returns once order-service (or the topic) has it. */
	void place(OrderPlan plan) {
		switch (plan.source()) {
			case REST -> expect(send("place " + plan.orderId(), () -> post("order-service", "/api/v1/orders",
					json(inbound(plan)), DevRoles.PLATFORM), Set.of()), 200, 201);
			case KAFKA -> produce(Topics.ORDERS_INBOUND, plan.orderId(), json(inbound(plan)),
					Map.of("ce_type", InboundOrder.TYPE));
			case SHOPIFY -> shopify("orders/create", shopifyOrder(plan));
		}
	}

	/** Ships the order with its parcel, as its platform tells order-service. */
	void fulfill(OrderPlan plan) {
		if (plan.source() == OrderPlan.Source.SHOPIFY) {
			var fulfillment = new LinkedHashMap<String, Object>();
			fulfillment.put("id", Long.parseLong(plan.externalOrderId()) + 1);
			fulfillment.put("order_id", Long.parseLong(plan.externalOrderId()));
			fulfillment.put("status", "success");
			fulfillment.put("tracking_company", plan.carrier());
			fulfillment.put("tracking_number", plan.trackingNumber());
			fulfillment.put("line_items", List.of());
			shopify("fulfillments/create", fulfillment);
			return;
		}
		// an order sent by Kafka is known once order-service has read it: until then 404, and the platform tries again
		var body = json(Map.of("carrier", plan.carrier(), "trackingNumber", plan.trackingNumber()));
		expect(send("fulfill " + plan.orderId(), () -> post("order-service", "/api/v1/orders/" + plan.orderId()
				+ "/fulfillments", body, DevRoles.PLATFORM), Set.of(404)), 201);
	}

	/** The canonical order of a REST or Kafka plan: paid by Stripe, promised in three days. */
	static InboundOrder inbound(OrderPlan plan) {
		var buyer = plan.buyer();
		var zone = ZoneId.of(middayZone());
		return new InboundOrder("reliability", plan.externalOrderId(), SalesChannel.WEB,
				new Customer(buyer.customerId(), buyer.email(), buyer.phone(), "Rel Customer " + plan.index(), "en-GB", zone,
						new Consents(true, buyer.sms(), buyer.whatsapp())),
				List.of(new OrderLine(OrderPlan.RETURNED_SKU, "Stoneware mug", 2,
						new Money(BigDecimal.valueOf(OrderPlan.RETURNED_PRICE_CENTS, 2), "EUR"), "home", false)),
				new Address("Rel Customer", "Keizersgracht 1", null, "1015 CJ", "Amsterdam", null, "NL"),
				new DeliveryPromise(null, Instant.now().plus(Duration.ofDays(3)), zone), Instant.now(),
				new Payment("stripe", paymentIntent(plan)));
	}

	static String paymentIntent(OrderPlan plan) {
		return PAYMENT_INTENT_PREFIX + plan.externalOrderId().replaceAll("[^A-Za-z0-9]", "");
	}

	private static Map<String, Object> shopifyOrder(OrderPlan plan) {
		var buyer = plan.buyer();
		var id = Long.parseLong(plan.externalOrderId());
		var order = new LinkedHashMap<String, Object>();
		order.put("id", id);
		order.put("name", "#R" + plan.index());
		order.put("email", buyer.email());
		order.put("created_at", Instant.now().toString());
		order.put("currency", "EUR");
		order.put("financial_status", "paid");
		order.put("source_name", "web");
		order.put("customer_locale", "en");
		var customer = new LinkedHashMap<String, Object>();
		customer.put("id", Long.parseLong(buyer.customerId()));
		customer.put("email", buyer.email());
		customer.put("first_name", "Rel");
		customer.put("last_name", "Customer " + plan.index());
		if (buyer.phone() != null) {
			customer.put("phone", buyer.phone());
			customer.put("sms_marketing_consent", Map.of("state", buyer.sms() ? "subscribed" : "not_subscribed"));
		}
		order.put("customer", customer);
		order.put("line_items", List.of(Map.of("id", id * 10 + 1, "sku", OrderPlan.RETURNED_SKU, "name", "Stoneware mug",
				"title", "Stoneware mug", "quantity", 2, "price", "14.50")));
		order.put("shipping_address", Map.of("first_name", "Rel", "last_name", "Customer", "address1", "Keizersgracht 1",
				"city", "Amsterdam", "zip", "1015 CJ", "country_code", "NL"));
		return order;
	}

	/** A signed Shopify webhook; its webhook id stays the same on every try, as Shopify's retries keep it. */
	JsonNode shopify(String topic, Object payload) {
		var body = json(payload).getBytes(StandardCharsets.UTF_8);
		var signature = HmacSignatures.signBase64(this.stack.secret("shopifyWebhookSecret"), body);
		var webhookId = UUID.randomUUID().toString();
		var response = send("shopify " + topic, () -> HttpRequest.newBuilder(url("order-service", "/webhooks/shopify"))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("X-Shopify-Topic", topic)
			.header("X-Shopify-Webhook-Id", webhookId)
			.header("X-Shopify-Shop-Domain", "reliability.myshopify.com")
			.header("X-Shopify-Hmac-Sha256", signature)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), Set.of());
		expect(response, 200);
		return EventJson.mapper().readTree(response.body());
	}

	// ---- carriers

	/** One carrier update, as the plan says it is sent. */
	void scan(OrderPlan plan, OrderPlan.Update update) {
		switch (update.via()) {
			case REST -> expect(send("scan " + plan.trackingNumber(), () -> post("tracking-service", "/api/v1/tracking-events",
					json(canonical(plan, update.checkpoint())), DevRoles.CARRIER), Set.of()), 202);
			case KAFKA -> produce(Topics.TRACKING_INBOUND, plan.trackingNumber(), json(canonical(plan, update.checkpoint())),
					Map.of("ce_type", InboundTrackingUpdate.TYPE));
			case AFTERSHIP -> afterShip(plan.trackingNumber(), update);
		}
	}

	private static InboundTrackingUpdate canonical(OrderPlan plan, Checkpoint checkpoint) {
		return new InboundTrackingUpdate(plan.carrier(), plan.trackingNumber(), checkpoint.time().toString(),
				checkpoint.status(), checkpoint.subStatus(), checkpoint.reason(), checkpoint.message(), null, null);
	}

	/** A return parcel's scan, by REST. */
	void scanReturn(String carrier, String trackingNumber, dev.postpurchase.contracts.shipment.TrackingStatus status) {
		var update = new InboundTrackingUpdate(carrier, trackingNumber, Instant.now().toString(), status, null, null,
				status.name(), null, null);
		expect(send("return scan " + trackingNumber, () -> post("tracking-service", "/api/v1/tracking-events",
				json(update), DevRoles.CARRIER), Set.of()), 202);
	}

	/** A signed AfterShip tracking webhook with the parcel's checkpoints up to this one; its event id kept on retries. */
	private void afterShip(String trackingNumber, OrderPlan.Update update) {
		var checkpoints = new ArrayList<Map<String, Object>>();
		for (var checkpoint : update.upTo()) {
			var one = new LinkedHashMap<String, Object>();
			one.put("slug", "postnl-3s");
			one.put("checkpoint_time", checkpoint.time().atOffset(ZoneOffset.UTC).toString());
			one.put("tag", tag(checkpoint));
			one.put("subtag", checkpoint.subStatus());
			one.put("subtag_message", checkpoint.message());
			one.put("message", checkpoint.message());
			one.put("city", "Utrecht");
			one.put("country_iso3", "NLD");
			one.put("location", "Utrecht, NLD");
			checkpoints.add(one);
		}
		var latest = update.checkpoint();
		var msg = new LinkedHashMap<String, Object>();
		msg.put("tracking_number", trackingNumber);
		msg.put("slug", "postnl-3s");
		msg.put("tag", tag(latest));
		msg.put("subtag", latest.subStatus());
		msg.put("subtag_message", latest.message());
		msg.put("updated_at", latest.time().atOffset(ZoneOffset.UTC).toString());
		msg.put("checkpoints", checkpoints);
		var webhook = new LinkedHashMap<String, Object>();
		webhook.put("event", "tracking_update");
		// one event per update of the feed: a repeated update is AfterShip delivering the same event again
		webhook.put("event_id", UUID.nameUUIDFromBytes((trackingNumber + latest).getBytes(StandardCharsets.UTF_8)).toString());
		webhook.put("msg", msg);
		webhook.put("ts", Instant.now().getEpochSecond());
		var body = json(webhook).getBytes(StandardCharsets.UTF_8);
		var signature = HmacSignatures.signBase64(this.stack.secret("aftershipWebhookSecret"), body);
		expect(send("aftership " + trackingNumber, () -> HttpRequest.newBuilder(url("tracking-service", "/webhooks/aftership"))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("aftership-hmac-sha256", signature)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), Set.of()), 200);
	}

	/** AfterShip's tag of a checkpoint: the canonical status's JSON name (InTransit, OutForDelivery, ...). */
	private static String tag(Checkpoint checkpoint) {
		return EventJson.mapper().writeValueAsString(checkpoint.status()).replace("\"", "");
	}

	// ---- operators

	/**
	 * What is still to happen, as an operator sees it: records the services' consumer groups have not
	 * read yet, every outbox's backlog and the messages waiting in notification-service (their
	 * {@code outbox_backlog} and {@code notifications_backlog} gauges).
	 */
	long backlog() throws InterruptedException, ExecutionException {
		long backlog = 0;
		for (var group : this.admin.listGroups().all().get()) {
			var committed = this.admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
			var ends = this.admin.listOffsets(committed.keySet().stream()
				.collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()))).all().get();
			for (var partition : committed.entrySet()) {
				if (partition.getValue() != null) {
					backlog += Math.max(0, ends.get(partition.getKey()).offset() - partition.getValue().offset());
				}
			}
		}
		for (var service : List.of("order-service", "tracking-service", "notification-service", "returns-service",
				"cx-metrics-service")) {
			var metrics = send("metrics of " + service, () -> HttpRequest.newBuilder(url(service, "/actuator/prometheus"))
				.timeout(REQUEST_TIMEOUT)
				.header("Authorization", "Bearer " + this.stack.token(DevRoles.ANALYST))
				.GET()
				.build(), Set.of());
			for (var line : metrics.body().split("\n")) {
				var gauge = GAUGE.matcher(line);
				if (gauge.matches() && (gauge.group(1).equals("outbox_backlog")
						|| gauge.group(1).equals("notifications_backlog") && gauge.group(2).contains("state=\"pending\""))) {
					backlog += (long) Double.parseDouble(gauge.group(3));
				}
			}
		}
		return backlog;
	}

	// ---- agents, the returns desk and customers

	JsonNode orderStatus(String orderId) {
		return get("order-service", "/api/v1/orders/" + orderId + "/status", DevRoles.AGENT);
	}

	JsonNode kpis() {
		return get("cx-metrics-service", "/api/v1/kpis", DevRoles.ANALYST).get("total");
	}

	/** Support sets a customer's time zone, so their texts are not held for quiet hours at this time of day. */
	void noQuietHoursNow(String customerId) {
		var body = json(Map.of("timeZone", middayZone()));
		var request = (Supplier<HttpRequest>) () -> HttpRequest.newBuilder(url("notification-service",
				"/api/v1/customers/" + customerId + "/preferences"))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.stack.token(DevRoles.AGENT))
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build();
		expect(send("preferences " + customerId, request, Set.of()), 200);
	}

	/**
	 * The returns desk starts a mail-in refund return of one item; returns-service refuses until it has
	 * learnt of the order (404) and its delivery (422) from their events, and the desk tries again,
	 * with the same idempotency key: a try whose answer was lost (a timeout) made the return already,
	 * and its repeat answers 200 with it.
	 */
	JsonNode requestReturn(String orderId) {
		var body = json(Map.of("orderId", orderId, "lines", List.of(Map.of("sku", OrderPlan.RETURNED_SKU, "quantity", 1)),
				"reason", "DOES_NOT_FIT", "outcome", "REFUND", "method", "MAIL_IN"));
		var response = send("return " + orderId, () -> HttpRequest.newBuilder(post("returns-service", "/api/v1/returns",
				body, DevRoles.RETURNS_AGENT), (name, value) -> true).header("Idempotency-Key", "return-of-" + orderId).build(),
				Set.of(404, 422));
		expect(response, 201, 200);
		return EventJson.mapper().readTree(response.body());
	}

	JsonNode returns(String orderId) {
		return get("returns-service", "/api/v1/returns?orderId=" + orderId, DevRoles.RETURNS_AGENT).get("items");
	}

	/** A link token of the order, as support issues one (purpose TRACKING, RETURN, SURVEY, PREFERENCES). */
	String customerLink(String orderId, String purpose) {
		var response = send("link " + orderId, () -> post("order-service", "/api/v1/orders/" + orderId + "/customer-links",
				json(Map.of("purpose", purpose)), DevRoles.AGENT), Set.of());
		expect(response, 201);
		return EventJson.mapper().readTree(response.body()).get("token").asString();
	}

	/** An API call; its answer's body as JSON, failing on anything but 200. */
	JsonNode get(String service, String path, DevRoles role) {
		var response = send("GET " + path, () -> HttpRequest.newBuilder(url(service, path))
			.timeout(REQUEST_TIMEOUT)
			.header("Authorization", "Bearer " + this.stack.token(role))
			.GET()
			.build(), Set.of());
		expect(response, 200);
		return EventJson.mapper().readTree(response.body());
	}

	/** A call that is sent once, its answer returned whatever it is (for assertions on refusals). */
	HttpResponse<String> once(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	HttpRequest post(String service, String path, String body, DevRoles role) {
		var request = HttpRequest.newBuilder(url(service, path))
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (role != null) {
			request.header("Authorization", "Bearer " + this.stack.token(role));
		}
		return request.build();
	}

	URI url(String service, String path) {
		return this.stack.url(service).resolve(path);
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Sends until the answer is neither a refused connection nor a 5xx, 429 or one of {@code alsoLater}
	 * (what the caller knows to mean "not yet"), with a growing pause; gives up after
	 * {@link #GIVE_UP_AFTER}.
	 */
	HttpResponse<String> send(String what, Supplier<HttpRequest> request, Set<Integer> alsoLater) {
		var deadline = Instant.now().plus(GIVE_UP_AFTER);
		var pause = Duration.ofMillis(250);
		String last = null;
		while (true) {
			try {
				var response = this.http.send(request.get(), HttpResponse.BodyHandlers.ofString());
				int status = response.statusCode();
				if (status < 500 && status != 429 && !alsoLater.contains(status)) {
					return response;
				}
				last = "answered " + status;
			}
			catch (IOException ex) {
				last = ex.getClass().getSimpleName();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted: " + what, ex);
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(what + " still not taken after " + GIVE_UP_AFTER.toMinutes() + " minutes: " + last);
			}
			this.retries.incrementAndGet();
			sleep(pause);
			pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(3)) > 0 ? Duration.ofSeconds(3) : pause.multipliedBy(2);
		}
	}

	/** Produces a record and waits until the broker has it (the producer waits out an outage). */
	void produce(String topic, String key, String value, Map<String, String> headers) {
		produce(topic, key, value.getBytes(StandardCharsets.UTF_8), headers);
	}

	void produce(String topic, String key, byte[] value, Map<String, String> headers) {
		var recordHeaders = headers.entrySet()
			.stream()
			.map(header -> (Header) new RecordHeader(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8)))
			.toList();
		try {
			this.producer.send(new ProducerRecord<>(topic, null, key, value, recordHeaders)).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending to " + topic, ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Sending to " + topic + " failed", ex.getCause());
		}
	}

	void close() {
		this.producer.close(Duration.ofSeconds(10));
		this.admin.close(Duration.ofSeconds(10));
	}

	private static void expect(HttpResponse<String> response, int... statuses) {
		for (var status : statuses) {
			if (response.statusCode() == status) {
				return;
			}
		}
		throw new IllegalStateException(response.request().method() + " " + response.request().uri().getPath()
				+ " answered " + response.statusCode() + ": " + response.body());
	}

	static String json(Object value) {
		return EventJson.mapper().writeValueAsString(value);
	}

	/** A time zone where it is about midday now, so no quiet hours hold texts back whenever the suite runs. */
	static String middayZone() {
		int offset = 13 - Instant.now().atZone(ZoneOffset.UTC).getHour();
		offset = offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset;
		// Etc/GMT ids count the other way round: Etc/GMT-5 is five hours ahead of UTC
		return offset == 0 ? "Etc/UTC" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

}
