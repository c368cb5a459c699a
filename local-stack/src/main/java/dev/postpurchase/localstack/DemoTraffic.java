package dev.postpurchase.localstack;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.order.Address;
import dev.postpurchase.contracts.order.Consents;
import dev.postpurchase.contracts.order.Customer;
import dev.postpurchase.contracts.order.OrderLine;
import dev.postpurchase.contracts.order.Payment;
import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.testkit.DevRoles;

/**
 * Demo traffic for {@code --demo}: a steady stream of realistic orders through the public interfaces
 * only, as platforms would send them. Canonical orders by REST, and Shopify webhooks signed with the
 * stack's secret; a few seconds later most orders ship (REST fulfillments and Shopify
 * {@code fulfillments/create}), a few are cancelled, and support agents log contacts about some.
 * REST calls carry the development issuer's tokens: the platform role's for orders, cancellations and
 * fulfillments, the agent role's for contacts. The customers are invented ({@code example.com}
 * addresses, E.164 numbers in ranges set aside for drama and tests where the country has one); most
 * agreed to texts (SMS, WhatsApp or both) and some gave no phone number at all, so the simulators'
 * page shows every channel and notification-service's consent rules at work.
 * <p>
 * REST orders are paid with a (made-up) Stripe PaymentIntent. A share of them ({@value #RETURN_PERCENT}%)
 * is returned a few seconds after delivery, by the returns desk (the returns-agent role's token):
 * mostly mail-in refunds, some store credit or exchanges, some dropped off or brought to a store, which
 * the demo then receives as the warehouse would. A request worth more than the auto-approval limit is
 * approved by the desk. The demo plays the return carrier too: the label's parcel is scanned in transit,
 * then delivered, so the return is received, refunded (at the Stripe simulator) and closed.
 * <p>
 * The tracking page of the first REST order is logged once ({@code Sample tracking page: ...}), with a
 * link token issued as support would, so a newcomer sees the customer's view without an email.
 */
final class DemoTraffic implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

	private static final Duration ORDER_EVERY = Duration.ofMillis(1500);

	/** Percent of delivered REST orders that are returned. */
	static final int RETURN_PERCENT = 15;

	/** How long after delivery a return is asked for (returns-service learns of the delivery by then). */
	private static final Duration RETURN_AFTER = Duration.ofSeconds(5);

	/** Between the steps of a return: label issued, parcel in transit, delivered back (or received in store). */
	private static final Duration RETURN_STEP = Duration.ofSeconds(6);

	private static final List<String> RETURN_REASONS = List.of("DOES_NOT_FIT", "DOES_NOT_FIT", "CHANGED_MIND", "DAMAGED",
			"NOT_AS_DESCRIBED", "WRONG_ITEM");

	private static final String ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

	private static final List<Product> PRODUCTS = List.of(
			new Product("SKU-RAINJACKET-M", "Rain jacket, M", "129.95", "apparel", "SKU-RAINJACKET-L"),
			new Product("SKU-TSHIRT-ORG-L", "Organic T-shirt, L", "24.95", "apparel", "SKU-TSHIRT-ORG-M"),
			new Product("SKU-SNEAKER-42", "Runner sneaker, 42", "89.00", "shoes", "SKU-SNEAKER-43"),
			new Product("SKU-MUG-STONE", "Stoneware mug", "14.50", "home", "SKU-MUG-STONE-BLUE"),
			new Product("SKU-LAMP-ARC", "Arc floor lamp", "179.00", "home", "SKU-LAMP-ARC-BRASS"),
			new Product("SKU-GIFTCARD-50", "Gift card 50", "50.00", "gift", null));

	/** The phone prefix plus three digits is a whole E.164 number of the country's length. */
	private static final List<Shopper> SHOPPERS = List.of(
			new Shopper("Anna", "de Vries", "nl-NL", "Europe/Amsterdam", "NL", "Amsterdam", "1015 CJ", "+31970100"),
			new Shopper("Jonas", "Becker", "de-DE", "Europe/Berlin", "DE", "Berlin", "10115", "+491555000"),
			new Shopper("Camille", "Martin", "fr-FR", "Europe/Paris", "FR", "Lyon", "69002", "+33639980"),
			new Shopper("Oliver", "Smith", "en-GB", "Europe/London", "GB", "Leeds", "LS1 4AP", "+447700900"));

	private static final List<String> CARRIERS = List.of("PostNL", "DHL Express", "UPS", "DPD", "GLS");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
		var thread = new Thread(runnable, "demo-traffic");
		thread.setDaemon(true);
		return thread;
	});

	private final URI orders;

	private final String shopifySecret;

	private final String platformToken;

	private final String agentToken;

	private final Queue<Placed> toShip = new ConcurrentLinkedQueue<>();

	private final URI tracking;

	private final String carrierToken;

	private final URI returns;

	private final String returnsToken;

	private final URI customerPages;

	/** Whether the sample tracking link was tried yet (once, for the first REST order). */
	private final AtomicBoolean sampleLinkTried = new AtomicBoolean();

	/** Parcels on their way: the demo plays their carrier, one scan at a time. */
	private final List<Parcel> inFlight = new ArrayList<>();

	private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() / 1000);

	private DemoTraffic(URI orders, URI tracking, URI returns, URI customerPages, String shopifySecret,
			String platformToken, String agentToken, String carrierToken, String returnsToken) {
		this.orders = orders;
		this.customerPages = customerPages;
		this.returns = returns;
		this.returnsToken = returnsToken;
		this.tracking = tracking;
		this.carrierToken = carrierToken;
		this.shopifySecret = shopifySecret;
		this.platformToken = platformToken;
		this.agentToken = agentToken;
	}

	/**
	 * Starts sending demo traffic in the background and returns at once.
	 *
	 * @param services service name to base URL; the customer pages' is only shown (in the sample tracking
	 *     link), so it is the address a browser reaches them at
	 * @param shopifyWebhookSecret what order-service checks Shopify webhooks with
	 * @param tokens role id (as in tokens.json) to a bearer token of the development issuer
	 */
	static DemoTraffic start(Map<String, URI> services, String shopifyWebhookSecret, Map<String, String> tokens) {
		var demo = new DemoTraffic(services.get("order-service"), services.get("tracking-service"),
				services.get("returns-service"), services.get("customer-pages"), shopifyWebhookSecret,
				tokens.get(DevRoles.PLATFORM.id()), tokens.get(DevRoles.AGENT.id()), tokens.get(DevRoles.CARRIER.id()),
				tokens.get(DevRoles.RETURNS_AGENT.id()));
		demo.scheduler.scheduleWithFixedDelay(demo::tick, 0, ORDER_EVERY.toMillis(), TimeUnit.MILLISECONDS);
		log.info("Demo traffic: an order every {} ms (REST and signed Shopify webhooks), then fulfillments and "
				+ "carrier scans (some failed attempts, carrier delays and stalled parcels); {}% of delivered REST orders "
				+ "are returned", ORDER_EVERY.toMillis(), RETURN_PERCENT);
		return demo;
	}

	private void tick() {
		try {
			var random = ThreadLocalRandom.current();
			if (random.nextInt(10) < 7) {
				placeByRest();
			}
			else {
				placeByShopify();
			}
			// orders ship after a few ticks, like a warehouse would
			while (toShip.size() > 3) {
				var order = toShip.poll();
				var roll = random.nextInt(100);
				if (roll < 5) {
					send(post(order.id() + "/cancel", "{\"reason\":\"CUSTOMER\"}", platformToken), "cancel " + order.id());
				}
				else if (order.shopifyId() != null) {
					fulfillByShopify(order);
				}
				else {
					var parcel = Parcel.ship(pick(CARRIERS), trackingNumber(), order);
					var response = send(post(order.id() + "/fulfillments", json(Map.of("carrier", parcel.carrier(),
							"trackingNumber", parcel.trackingNumber())), platformToken), "fulfill " + order.id());
					if (response != null && response.statusCode() < 300) {
						inFlight.add(parcel);
					}
				}
				if (roll >= 90) {
					send(post(order.id() + "/contacts", json(Map.of("channel", "CHAT", "reason", "WISMO",
							"resolvedOnFirstContact", random.nextBoolean(), "agentId", "agent-" + random.nextInt(1, 9))),
							agentToken), "contact " + order.id());
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Demo traffic: {}", ex.toString());
		}
		try {
			scan();
		}
		catch (RuntimeException ex) {
			log.warn("Demo traffic: {}", ex.toString());
		}
	}

	/** Moves a few parcels on by one carrier scan each, as the carrier would report it. */
	private void scan() {
		var random = ThreadLocalRandom.current();
		for (int i = 0; i < 3 && !inFlight.isEmpty(); i++) {
			var parcel = inFlight.get(random.nextInt(inFlight.size()));
			var next = parcel.next();
			if (next == null) {
				inFlight.remove(parcel);
				continue;
			}
			var response = carrierScan(parcel.carrier(), parcel.trackingNumber(), next);
			if (next == Parcel.DELIVERED && parcel.order() != null && response != null && response.statusCode() < 300
					&& random.nextInt(100) < RETURN_PERCENT) {
				later(RETURN_AFTER, () -> startReturn(parcel.order(), true));
			}
		}
	}

	/** One carrier scan, now, as the carrier would post it to tracking-service. */
	private HttpResponse<String> carrierScan(String carrier, String trackingNumber, Scan scan) {
		var update = new LinkedHashMap<String, Object>();
		update.put("carrier", carrier);
		update.put("trackingNumber", trackingNumber);
		update.put("checkpointTime", ZonedDateTime.now(ZoneId.of("Europe/Amsterdam")).toOffsetDateTime().toString());
		update.put("status", scan.status());
		update.put("subStatus", scan.subStatus());
		if (scan.reason() != null) {
			update.put("reason", scan.reason());
		}
		update.put("message", scan.message());
		update.put("location", Map.of("city", pick(List.of("Utrecht", "Nieuwegein", "Duisburg", "Lyon", "Leeds")),
				"country", "NL", "timeZone", "Europe/Amsterdam"));
		return send(HttpRequest.newBuilder(tracking.resolve("/api/v1/tracking-events"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + carrierToken)
			.POST(HttpRequest.BodyPublishers.ofString(json(update)))
			.build(), "scan " + trackingNumber);
	}

	/**
	 * The customer returns one item of a delivered order, through the returns desk: mostly mail-in
	 * refunds, some store credit, some exchanges (mail-in), some dropped off or brought to a store.
	 *
	 * @param firstTry whether to ask once more later if returns-service does not know of the delivery yet
	 */
	private void startReturn(Placed order, boolean firstTry) {
		var random = ThreadLocalRandom.current();
		var returnable = order.lines().stream().filter(line -> !line.finalSale()).toList();
		if (returnable.isEmpty()) {
			return; // gift cards only: final sale
		}
		var line = pick(returnable);
		var roll = random.nextInt(100);
		var outcome = roll < 60 ? "REFUND" : roll < 70 ? "STORE_CREDIT" : roll < 80 ? "EXCHANGE" : "REFUND";
		var method = roll < 80 ? "MAIL_IN" : roll < 90 ? "DROP_OFF" : "IN_STORE";
		var item = new LinkedHashMap<String, Object>();
		item.put("sku", line.sku());
		item.put("quantity", 1);
		var exchangeSku = PRODUCTS.stream().filter(product -> product.sku().equals(line.sku())).findFirst()
			.map(Product::exchangeSku).orElse(null);
		if (outcome.equals("EXCHANGE")) {
			if (exchangeSku == null) {
				outcome = "REFUND";
			}
			else {
				item.put("exchangeSku", exchangeSku);
			}
		}
		var request = new LinkedHashMap<String, Object>();
		request.put("orderId", order.id());
		request.put("lines", List.of(item));
		request.put("reason", outcome.equals("EXCHANGE") ? "DOES_NOT_FIT" : pick(RETURN_REASONS));
		request.put("outcome", outcome);
		request.put("method", method);
		var response = send(HttpRequest.newBuilder(returns.resolve("/api/v1/returns"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + returnsToken)
			.POST(HttpRequest.BodyPublishers.ofString(json(request)))
			.build(), "return of " + order.id());
		if (response == null) {
			return;
		}
		if (response.statusCode() == 422 && firstTry) {
			later(RETURN_AFTER, () -> startReturn(order, false));
			return;
		}
		if (response.statusCode() != 201) {
			return;
		}
		var created = EventJson.mapper().readTree(response.body());
		var returnId = created.get("id").asString();
		if ("REQUESTED".equals(created.get("state").asString())) {
			// worth more than the auto-approval limit: the desk looks at it and approves
			var approved = send(returnsPost(returnId + "/approve", "{}"), "approve " + returnId);
			if (approved == null || approved.statusCode() >= 300) {
				return;
			}
			created = EventJson.mapper().readTree(approved.body());
		}
		var label = created.get("label");
		if (method.equals("MAIL_IN") && label != null && !label.isNull()) {
			var carrier = label.get("carrier").asString();
			var trackingNumber = label.get("trackingNumber").asString();
			// tracking-service follows the parcel once it has read ReturnLabelIssued: scan a little later
			later(RETURN_STEP, () -> carrierScan(carrier, trackingNumber, Parcel.TRANSIT));
			later(RETURN_STEP.multipliedBy(3), () -> carrierScan(carrier, trackingNumber, Parcel.DELIVERED));
		}
		else if (!method.equals("MAIL_IN")) {
			var inspection = json(Map.of("lines", List.of(Map.of("sku", line.sku(), "quantity", 1, "condition", "OK"))));
			later(RETURN_STEP, () -> send(returnsPost(returnId + "/receive", inspection), "receive " + returnId));
		}
	}

	private HttpRequest returnsPost(String path, String body) {
		return HttpRequest.newBuilder(returns.resolve("/api/v1/returns/" + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + returnsToken)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	/** Runs a step of the demo later, on its one thread; a failure is logged, not fatal. */
	private void later(Duration delay, Runnable step) {
		scheduler.schedule(() -> {
			try {
				step.run();
			}
			catch (RuntimeException ex) {
				log.warn("Demo traffic: {}", ex.toString());
			}
		}, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void placeByRest() {
		var shopper = pick(SHOPPERS);
		var zone = ZoneId.of(shopper.zone());
		var number = sequence.incrementAndGet();
		var lines = new ArrayList<OrderLine>();
		for (var product : products()) {
			lines.add(new OrderLine(product.sku(), product.name(), ThreadLocalRandom.current().nextInt(1, 3),
					new Money(new BigDecimal(product.price()), "EUR"), product.category(),
					product.category().equals("gift")));
		}
		var now = Instant.now();
		// one order in five was promised for the next minutes, so the demo shows late deliveries too
		var promiseBy = ThreadLocalRandom.current().nextInt(5) == 0 ? Instant.now().plus(Duration.ofMinutes(10))
				: ZonedDateTime.now(zone).plusDays(ThreadLocalRandom.current().nextInt(2, 5))
					.withHour(22).withMinute(0).withSecond(0).withNano(0).toInstant();
		var texts = Texts.pick();
		var order = new InboundOrder("web-shop", "WS-" + number, pick(List.of(SalesChannel.WEB, SalesChannel.MOBILE_APP)),
				new Customer("cus-demo-" + (number % 40), email(shopper, number), texts.noPhone() ? null : phone(shopper, number),
						shopper.first() + " " + shopper.last(), shopper.locale(), zone,
						new Consents(true, texts.sms(), texts.whatsapp())),
				lines, address(shopper), new DeliveryPromise(null, promiseBy, zone), now,
				new Payment("stripe", "pi_" + alphanumeric(24)));
		var response = send(HttpRequest.newBuilder(orders.resolve("/api/v1/orders"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + platformToken)
			.POST(HttpRequest.BodyPublishers.ofString(EventJson.mapper().writeValueAsString(order)))
			.build(), "place WS-" + number);
		if (response != null && response.statusCode() < 300) {
			var orderId = EventJson.mapper().readTree(response.body()).get("id").asString();
			toShip.add(new Placed(orderId, null, lines));
			if (sampleLinkTried.compareAndSet(false, true)) {
				logSampleLink(orderId);
			}
		}
	}

	/**
	 * Logs the tracking page of the demo's first REST order, with a link token issued as support would
	 * (the agent role), so a newcomer can open a customer's view of an order at once.
	 */
	private void logSampleLink(String orderId) {
		try {
			log.info("Sample tracking page: {}", TrackingLinks.issue(http, orders, customerPages, agentToken, orderId));
		}
		catch (java.io.IOException | IllegalStateException ex) {
			log.warn("Demo traffic: no sample tracking link for order {}: {}", orderId, ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void placeByShopify() {
		var shopper = pick(SHOPPERS);
		var shopifyId = 5_000_000_000L + sequence.incrementAndGet();
		var items = new ArrayList<Map<String, Object>>();
		long lineId = shopifyId * 10;
		for (var product : products()) {
			items.add(Map.of("id", ++lineId, "sku", product.sku(), "name", product.name(), "title", product.name(),
					"quantity", 1, "price", product.price(), "product_type", product.category()));
		}
		var payload = new LinkedHashMap<String, Object>();
		payload.put("id", shopifyId);
		payload.put("name", "#" + (shopifyId % 100000));
		payload.put("email", email(shopper, shopifyId));
		payload.put("created_at", ZonedDateTime.now(ZoneId.of(shopper.zone())).toOffsetDateTime().toString());
		payload.put("currency", "EUR");
		payload.put("financial_status", "paid");
		payload.put("source_name", "web");
		payload.put("customer_locale", shopper.locale());
		// Shopify only knows SMS marketing consent (order-service maps "subscribed" to SMS, never WhatsApp)
		var texts = Texts.pick();
		var customer = new LinkedHashMap<String, Object>();
		customer.put("id", 7_000_000L + shopifyId % 50);
		customer.put("email", email(shopper, shopifyId));
		customer.put("first_name", shopper.first());
		customer.put("last_name", shopper.last());
		if (!texts.noPhone()) {
			customer.put("phone", phone(shopper, shopifyId));
			customer.put("sms_marketing_consent", Map.of("state", texts.sms() ? "subscribed" : "not_subscribed"));
		}
		payload.put("customer", customer);
		payload.put("line_items", items);
		payload.put("shipping_address", Map.of("first_name", shopper.first(), "last_name", shopper.last(), "address1",
				"Demo street 1", "city", shopper.city(), "zip", shopper.zip(), "country_code", shopper.country()));
		var response = send(shopify("orders/create", json(payload)), "shopify order " + shopifyId);
		if (response != null && response.statusCode() < 300) {
			toShip.add(new Placed(orderIdOf(shopifyId), shopifyId, List.of()));
		}
	}

	private void fulfillByShopify(Placed order) {
		var fulfillmentId = 4_000_000_000L + sequence.incrementAndGet();
		// Shopify orders carry no payment reference to refund against: the demo returns REST orders only
		var parcel = Parcel.ship(pick(CARRIERS), trackingNumber(), null);
		var payload = Map.of("id", fulfillmentId, "order_id", order.shopifyId(), "status", "success",
				"tracking_company", parcel.carrier(), "tracking_number", parcel.trackingNumber(), "line_items", List.of());
		var response = send(shopify("fulfillments/create", json(payload)), "shopify fulfillment " + order.shopifyId());
		if (response != null && response.statusCode() < 300) {
			inFlight.add(parcel);
		}
	}

	private HttpRequest shopify(String topic, String body) {
		var bytes = body.getBytes(StandardCharsets.UTF_8);
		return HttpRequest.newBuilder(orders.resolve("/webhooks/shopify"))
			.header("Content-Type", "application/json")
			.header("X-Shopify-Topic", topic)
			.header("X-Shopify-Webhook-Id", UUID.randomUUID().toString())
			.header("X-Shopify-Shop-Domain", "demo-shop.myshopify.com")
			.header("X-Shopify-Hmac-Sha256", HmacSignatures.signBase64(shopifySecret, bytes))
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
			.build();
	}

	private HttpRequest post(String path, String body, String token) {
		return HttpRequest.newBuilder(orders.resolve("/api/v1/orders/" + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private HttpResponse<String> send(HttpRequest request, String what) {
		try {
			var response = http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				log.warn("Demo traffic: {} answered {}", what, response.statusCode());
			}
			return response;
		}
		catch (java.io.IOException ex) {
			log.warn("Demo traffic: {} failed: {}", what, ex.toString());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** The id order-service derives for a Shopify order (see OrderId.of). */
	private static String orderIdOf(long shopifyId) {
		return dev.postpurchase.order.orders.OrderId.of("shopify", String.valueOf(shopifyId)).value();
	}

	private static List<Product> products() {
		var random = ThreadLocalRandom.current();
		var chosen = new ArrayList<>(PRODUCTS);
		java.util.Collections.shuffle(chosen, random);
		return chosen.subList(0, random.nextInt(1, 4));
	}

	private static Address address(Shopper shopper) {
		return new Address(shopper.first() + " " + shopper.last(), "Demo street " + ThreadLocalRandom.current().nextInt(1, 200),
				null, shopper.zip(), shopper.city(), null, shopper.country());
	}

	private static String email(Shopper shopper, long number) {
		return (shopper.first() + "." + shopper.last()).toLowerCase().replace(" ", "") + "+" + (number % 40)
				+ "@example.com";
	}

	/** The shopper's number for one order: prefix plus three digits, E.164. */
	private static String phone(Shopper shopper, long number) {
		return shopper.phone() + String.format("%03d", number % 1000);
	}

	private static String trackingNumber() {
		return "DEMO" + Long.toString(Math.abs(ThreadLocalRandom.current().nextLong()), 36).toUpperCase();
	}

	/** Random letters and digits, as in Stripe's ids. */
	private static String alphanumeric(int length) {
		var random = ThreadLocalRandom.current();
		var text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
		}
		return text.toString();
	}

	private static String json(Object value) {
		return EventJson.mapper().writeValueAsString(value);
	}

	private static <T> T pick(List<T> values) {
		return values.get(ThreadLocalRandom.current().nextInt(values.size()));
	}

	/** Stops sending; called before the services stop. */
	@Override
	public void close() {
		scheduler.shutdownNow();
	}

	/** @param exchangeSku the variant a customer exchanges it for; null when it cannot be exchanged */
	private record Product(String sku, String name, String price, String category, String exchangeSku) {
	}

	private record Shopper(String first, String last, String locale, String zone, String country, String city, String zip,
			String phone) {
	}

	/** @param lines what was ordered; empty for Shopify orders, which the demo does not return */
	private record Placed(String id, Long shopifyId, List<OrderLine> lines) {
	}

	/**
	 * Which text messages a customer agreed to: a third SMS only, a fifth WhatsApp only, a sixth both,
	 * the rest neither; one in ten gave no phone number (and so agreed to none).
	 */
	private record Texts(boolean noPhone, boolean sms, boolean whatsapp) {

		static Texts pick() {
			var roll = ThreadLocalRandom.current().nextInt(100);
			if (roll < 10) {
				return new Texts(true, false, false);
			}
			return roll < 43 ? new Texts(false, true, false)
					: roll < 63 ? new Texts(false, false, true)
							: roll < 80 ? new Texts(false, true, true) : new Texts(false, false, false);
		}
	}

	private record Scan(String status, String subStatus, String reason, String message) {
	}

	/** A parcel's journey: most arrive, some fail an attempt first, some are delayed, some stall. */
	private static final class Parcel {

		private static final Scan INFO = new Scan("InfoReceived", "InfoReceived_001", null, "Shipment information received");

		private static final Scan TRANSIT = new Scan("InTransit", "InTransit_002", null, "Parcel sorted at depot");

		private static final Scan OUT = new Scan("OutForDelivery", "OutForDelivery_001", null, "Out for delivery");

		private static final Scan FAILED = new Scan("AttemptFail", "AttemptFail_001", null, "Nobody home");

		private static final Scan DELAYED = new Scan("Exception", "Exception_005", "CARRIER_DELAY",
				"Delayed at the sorting centre");

		private static final Scan DELIVERED = new Scan("Delivered", "Delivered_001", null, "Delivered");

		private final String carrier;

		private final String trackingNumber;

		private final Placed order;

		private final List<Scan> journey;

		private int next;

		private Parcel(String carrier, String trackingNumber, Placed order, List<Scan> journey) {
			this.carrier = carrier;
			this.trackingNumber = trackingNumber;
			this.order = order;
			this.journey = journey;
		}

		/** @param order the REST order shipped, which may be returned once delivered; null for Shopify's */
		static Parcel ship(String carrier, String trackingNumber, Placed order) {
			var roll = ThreadLocalRandom.current().nextInt(100);
			var journey = roll < 8 ? List.of(INFO, TRANSIT, OUT, FAILED, OUT, DELIVERED)
					: roll < 14 ? List.of(INFO, TRANSIT, DELAYED, TRANSIT, OUT, DELIVERED)
							: roll < 20 ? List.of(INFO, TRANSIT) : List.of(INFO, TRANSIT, OUT, DELIVERED);
			return new Parcel(carrier, trackingNumber, order, journey);
		}

		Scan next() {
			return next < journey.size() ? journey.get(next++) : null;
		}

		String carrier() {
			return carrier;
		}

		String trackingNumber() {
			return trackingNumber;
		}

		Placed order() {
			return order;
		}

	}

}
