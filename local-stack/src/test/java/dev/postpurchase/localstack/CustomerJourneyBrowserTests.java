package dev.postpurchase.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.postpurchase.kit.security.CustomerLinkSettings;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.testkit.Browser;
import dev.postpurchase.testkit.DevRoles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customer's journey through the real stack ({@code --in-memory}, free ports), in headless
 * Chromium: the order is delivered, the delivery email reaches the captured inbox, and from its links
 * the customer sees the tracking page, returns one item and answers the survey; the APIs then show
 * the return and the KPIs move. A link for another order or page, or an expired one, shows the clear
 * error page. Screenshots at desktop and phone widths land in {@code target/screenshots}.
 */
class CustomerJourneyBrowserTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Pattern URL = Pattern.compile("https?://\\S+");

	/** cx-metrics-service's days are those of its store zone ({@code metrics.zone}). */
	private static final ZoneId METRICS_ZONE = ZoneId.of("Europe/Amsterdam");

	private static final String LINK_ERROR = "This link has expired or is not for this order";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path workingDirectory;

	@Test
	void aCustomerFollowsTheDeliveryEmailToTrackReturnAndAnswerTheSurvey() throws Exception {
		var ports = SimulatorFixture.freePorts(5 + Service.ALL.size());
		var environment = new HashMap<String, String>(Map.of("KAFKA_PORT", String.valueOf(ports[0]), "MONGO_PORT",
				String.valueOf(ports[1]), "ISSUER_PORT", String.valueOf(ports[2]), "SMTP_PORT", String.valueOf(ports[3]),
				"SIMULATORS_PORT", String.valueOf(ports[4])));
		for (int i = 0; i < Service.ALL.size(); i++) {
			environment.put(Service.ALL.get(i).portVariable(), String.valueOf(ports[5 + i]));
		}
		var simulators = URI.create("http://localhost:" + ports[4]);
		var orderService = serviceUrl(environment, "order-service");
		var trackingService = serviceUrl(environment, "tracking-service");
		var returnsService = serviceUrl(environment, "returns-service");
		var cxMetrics = serviceUrl(environment, "cx-metrics-service");
		var pages = serviceUrl(environment, "customer-pages");
		var settings = Settings.from(List.of("--in-memory"), environment, this.workingDirectory);
		var printed = new ByteArrayOutputStream();
		var stack = new Stack(settings, environment, new PrintStream(new Tee(System.out, printed), true,
				StandardCharsets.UTF_8));
		try (var desktop = Browser.open(Browser.DESKTOP); var phone = Browser.open(Browser.PHONE)) {
			stack.start();
			var banner = printed.toString(StandardCharsets.UTF_8);
			assertThat(banner).contains("Customer pages", pages + "/track/{orderId}?token=")
				.contains("Ops page", pages + "/ops", "metrics:read");
			var tokens = JSON.readValue(settings.tokensFile(), new TypeReference<Map<String, String>>() {
			});

			// the platform places the order, ships it, the carrier delivers it
			var email = "journey-" + UUID.randomUUID() + "@example.com";
			var orderId = place(orderService, tokens.get(DevRoles.PLATFORM.id()), email);
			var trackingNumber = "3SJOURNEY" + System.nanoTime();
			var shipped = send(post(orderService.resolve("/api/v1/orders/" + orderId + "/fulfillments"),
					tokens.get(DevRoles.PLATFORM.id()),
					"{\"carrier\": \"PostNL\", \"trackingNumber\": \"" + trackingNumber + "\"}"));
			assertThat(shipped.statusCode()).as(shipped.body()).isEqualTo(201);
			// tracking-service follows the parcel once it has read the fulfillment
			await().atMost(Duration.ofSeconds(30)).until(() -> send(HttpRequest
				.newBuilder(trackingService.resolve("/api/v1/shipments/" + trackingNumber))
				.header("Authorization", "Bearer " + tokens.get(DevRoles.AGENT.id()))
				.build()).statusCode() == 200);
			for (var status : List.of("InTransit", "Delivered")) {
				var scanned = send(post(trackingService.resolve("/api/v1/tracking-events"), tokens.get(DevRoles.CARRIER.id()),
						"{\"carrier\": \"PostNL\", \"trackingNumber\": \"" + trackingNumber + "\", \"checkpointTime\": \""
								+ Instant.now() + "\", \"status\": \"" + status + "\", \"message\": \"" + status + "\"}"));
				assertThat(scanned.statusCode()).as(scanned.body()).isLessThan(300);
			}

			// the delivery email reaches the captured inbox, with the tracking and survey links (click-tracked)
			var deliveryEmail = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
				.until(() -> deliveryEmail(simulators, email), text -> text != null);
			var trackingClick = clickLinkTo(deliveryEmail, pages + "/track/" + orderId + "?token=");
			var surveyClick = clickLinkTo(deliveryEmail, pages + "/survey/" + orderId + "?token=");
			var kpisBefore = kpis(cxMetrics, tokens.get(DevRoles.ANALYST.id()));

			// the tracking page, from the email's link (the click redirect is followed by the browser)
			var driver = desktop.driver();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				desktop.get(trackingClick);
				assertThat(driver.getCurrentUrl()).startsWith(pages + "/track/" + orderId + "?token=");
				assertThat(text(driver, "h1")).isEqualTo("Your order");
				assertThat(text(driver, ".parcel .promise-done")).startsWith("Delivered ");
				assertThat(text(driver, ".parcel")).contains("PostNL", trackingNumber);
			});
			assertThat(text(driver, ".items")).contains("2 × Stoneware mug", "1 × Gift card 50");
			var trackingPage = driver.getCurrentUrl();
			look(desktop, "tracking-delivered");

			// "Start a return": one mug back by post, for a refund (returns-service learns of the delivery by itself)
			var returnPage = driver.findElement(By.linkText("Start a return")).getDomProperty("href");
			assertThat(returnPage).startsWith(pages + "/returns/" + orderId + "?token=");
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				desktop.get(returnPage);
				assertThat(text(driver, "h1")).isEqualTo("Return items");
				assertThat(driver.findElements(By.cssSelector(".return-line select"))).hasSize(1);
			});
			assertThat(text(driver, ".return-line label")).isEqualTo("Stoneware mug");
			assertThat(text(driver, ".blocked")).contains("Gift card 50", "final sale");
			new Select(driver.findElement(By.cssSelector(".return-line select"))).selectByValue("1");
			new Select(driver.findElement(By.id("reason"))).selectByValue("DOES_NOT_FIT");
			driver.findElement(By.cssSelector("label[for='outcome-REFUND']")).click();
			driver.findElement(By.cssSelector("label[for='method-MAIL_IN']")).click();
			look(desktop, "return-form");
			// by keyboard alone: Tab reaches every choice and the button that sends the request
			assertThat(desktop.tabOrder(40)).contains("select#quantity-0", "select#reason", "input#outcome-REFUND",
					"input#method-MAIL_IN", "textarea#comment").anyMatch(focused -> focused.startsWith("button"));
			driver.findElement(By.cssSelector("#return-form button[type='submit']")).click();
			awaitHeading(driver, "We have your return request");
			var reference = text(driver, ".reference");
			assertThat(reference).isNotBlank();
			assertThat(text(driver, "main")).contains("Print your return label, stick it on the parcel and hand the "
					+ "parcel to the carrier.", "1 × Stoneware mug", "A refund", "By post, with a prepaid label");
			assertThat(driver.findElements(By.linkText("Print your return label"))).hasSize(1);
			look(desktop, "return-requested");
			// and back to the order, from the confirmation
			driver.findElement(By.linkText("See your order")).click();
			awaitHeading(driver, "Your order");
			assertThat(driver.getCurrentUrl()).startsWith(pages + "/track/" + orderId + "?token=");

			// the survey, from the email's link
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				desktop.get(surveyClick);
				assertThat(driver.getCurrentUrl()).startsWith(pages + "/survey/" + orderId + "?token=");
				assertThat(text(driver, "h1")).isEqualTo("How did we do?");
			});
			driver.findElement(By.id("nps-9")).click();
			driver.findElement(By.id("csat-5")).click();
			look(desktop, "survey-form");
			assertThat(desktop.tabOrder(60)).anyMatch(focused -> focused.startsWith("input#nps-"))
				.anyMatch(focused -> focused.startsWith("button"));
			driver.findElement(By.cssSelector("main form button[type='submit']")).click();
			awaitHeading(driver, "Thank you for your feedback");
			look(desktop, "survey-thanks");

			// the returns desk sees the return, with the one mug
			var listed = JSON.readTree(send(HttpRequest.newBuilder(returnsService.resolve("/api/v1/returns?orderId=" + orderId))
				.header("Authorization", "Bearer " + tokens.get(DevRoles.RETURNS_AGENT.id()))
				.build()).body());
			assertThat(listed.get("items").values()).singleElement().satisfies(found -> {
				assertThat(found.get("id").asString()).isEqualTo(reference);
				assertThat(found.get("reason").asString()).isEqualTo("DOES_NOT_FIT");
				assertThat(found.get("outcome").asString()).isEqualTo("REFUND");
				assertThat(found.get("method").asString()).isEqualTo("MAIL_IN");
				assertThat(found.get("lines").values()).singleElement().satisfies(line -> {
					assertThat(line.get("sku").asString()).isEqualTo("SKU-MUG");
					assertThat(line.get("quantity").asInt()).isEqualTo(1);
				});
			});

			// the KPIs: one return "does not fit" of one unit, one NPS promoter, one satisfied customer more
			assertThat(count(kpisBefore, "returns.DOES_NOT_FIT", "value")).isZero();
			assertThat(count(kpisBefore, "returnRate", "numerator")).isZero();
			assertThat(count(kpisBefore, "nps", "count")).isZero();
			assertThat(count(kpisBefore, "csat", "denominator")).isZero();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				var after = kpis(cxMetrics, tokens.get(DevRoles.ANALYST.id()));
				assertThat(count(after, "returns.DOES_NOT_FIT", "value")).isEqualTo(1);
				assertThat(count(after, "returnRate", "numerator")).isEqualTo(1);
				assertThat(count(after, "nps", "count")).isEqualTo(1);
				assertThat(after.get("nps").get("value").asDouble()).isEqualTo(100.0);
				assertThat(count(after, "csat", "numerator")).isEqualTo(1);
				assertThat(count(after, "csat", "denominator")).isEqualTo(1);
			});

			// the ops overview, for a lead with the analyst's token (a sign-in proxy would add it): today's
			// numbers include this return
			try (var lead = Browser.open(Browser.DESKTOP); var leadsPhone = Browser.open(Browser.PHONE)) {
				for (var browser : List.of(lead, leadsPhone)) {
					browser.withBearer(tokens.get(DevRoles.ANALYST.id()));
					await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
						browser.get(pages + "/ops");
						assertThat(text(browser.driver(), "h1")).isEqualTo("Operations overview");
						assertThat(text(browser.driver(), "section[aria-labelledby='reasons-title']"))
							.contains("Does not fit");
					});
					assertThat(browser.driver().findElements(By.cssSelector("svg"))).as("the trend charts").isNotEmpty();
					look(browser, "ops-overview");
				}
			}
			desktop.get(pages + "/ops");
			assertThat(driver.getPageSource()).as("without a token").doesNotContain("Operations overview", "Does not fit");

			// the same tracking page on a phone, now with the return under "Your return"
			var phoneDriver = phone.driver();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				phone.get(trackingPage);
				assertThat(text(phoneDriver, "h1")).isEqualTo("Your order");
				assertThat(text(phoneDriver, ".parcel .promise-done")).startsWith("Delivered ");
				assertThat(phoneDriver.findElements(By.id("your-return-title"))).hasSize(1);
			});
			look(phone, "tracking-delivered");

			// a second order: the tracking link support issues for it opens its page (as the demo's sample link)
			var otherOrderId = place(orderService, tokens.get(DevRoles.PLATFORM.id()), "other-" + email);
			var sampleLink = TrackingLinks.issue(this.http, orderService, pages, tokens.get(DevRoles.AGENT.id()),
					otherOrderId);
			phone.get(sampleLink.toString());
			assertThat(text(phoneDriver, "h1")).isEqualTo("Your order");
			assertThat(text(phoneDriver, ".items")).contains("Stoneware mug");
			look(phone, "tracking-placed");

			// links that are not for this page: the first order's tracking token on the second order's page,
			// and on the first order's survey
			var trackingToken = trackingPage.substring(trackingPage.indexOf("?token=") + "?token=".length());
			for (var foreign : List.of(pages + "/track/" + otherOrderId + "?token=" + trackingToken,
					pages + "/survey/" + orderId + "?token=" + trackingToken)) {
				desktop.get(foreign);
				assertThat(text(driver, "h1")).as(foreign).isEqualTo(LINK_ERROR);
				assertThat(text(driver, "main")).contains("Please use the link in our most recent message about your order.");
			}
			look(desktop, "link-foreign");

			// an expired link, signed with the stack's own customer-link key: refused as plainly
			var secrets = JSON.readValue(settings.secretsFile(), new TypeReference<Map<String, String>>() {
			});
			var keys = DevSecrets.asProperties(secrets);
			var linkSettings = new CustomerLinkSettings(List.of(new CustomerLinkSettings.SigningKey(
					keys.get("postpurchase.security.customer-links.keys[0].id"),
					keys.get("postpurchase.security.customer-links.keys[0].secret"))), Duration.ofDays(30));
			var expired = new CustomerLinks(linkSettings, Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC))
				.issue(orderId, LinkPurpose.TRACKING);
			var fresh = new CustomerLinks(linkSettings, Clock.systemUTC()).issue(orderId, LinkPurpose.TRACKING);
			// the key is the stack's: the same link, unexpired, is taken
			assertThat(send(HttpRequest.newBuilder(orderService.resolve("/api/v1/customer/orders/" + orderId + "?token="
					+ fresh)).build()).statusCode()).isEqualTo(200);
			for (var browser : List.of(desktop, phone)) {
				browser.get(pages + "/track/" + orderId + "?token=" + expired);
				assertThat(text(browser.driver(), "h1")).isEqualTo(LINK_ERROR);
				look(browser, "link-expired");
			}
		}
		finally {
			stack.stop();
		}
	}

	/**
	 * Keeps a screenshot of the page on screen, and checks it as a reader with low vision or a screen
	 * reader meets it: contrast, alt texts, labels, names of links and buttons.
	 */
	private static void look(Browser browser, String name) {
		browser.screenshot(name);
		assertThat(browser.accessibilityProblems()).as("accessibility of " + name).isEmpty();
	}

	/** The page a form was sent to has loaded. */
	private static void awaitHeading(WebDriver driver, String heading) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(text(driver, "h1")).isEqualTo(heading));
	}

	private String place(URI orderService, String platformToken, String email) throws IOException, InterruptedException {
		var placed = send(post(orderService.resolve("/api/v1/orders"), platformToken, order(email)));
		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
		return JSON.readTree(placed.body()).get("id").asString();
	}

	/** The text of the DELIVERED email to {@code to}, once the captured inbox has it (it carries the survey link). */
	private String deliveryEmail(URI simulators, String to) throws IOException, InterruptedException {
		var mail = JSON.readTree(send(HttpRequest.newBuilder(simulators.resolve("/mail")).build()).body());
		return mail.values()
			.stream()
			.filter(message -> message.path("to").asString("").contains(to))
			.filter(message -> message.path("subject").asString("").contains("has been delivered"))
			.map(message -> message.path("text").asString(null))
			.filter(text -> text != null && text.contains("%2Fsurvey%2F"))
			.findFirst()
			.orElse(null);
	}

	/** The email's click-tracking link (through notification-service) whose target starts with {@code target}. */
	private static String clickLinkTo(String emailText, String target) {
		var matcher = URL.matcher(emailText);
		while (matcher.find()) {
			var link = matcher.group();
			var query = URI.create(link).getRawQuery();
			if (link.contains("/click?") && query != null) {
				for (var parameter : query.split("&")) {
					if (parameter.startsWith("u=")
							&& URLDecoder.decode(parameter.substring(2), StandardCharsets.UTF_8).startsWith(target)) {
						return link;
					}
				}
			}
		}
		throw new AssertionError("No click-tracked link to " + target + " in the email:\n" + emailText);
	}

	/** The KPIs of yesterday to tomorrow (whatever the day in the metrics zone), their total. */
	private JsonNode kpis(URI cxMetrics, String analystToken) throws IOException, InterruptedException {
		var today = LocalDate.now(METRICS_ZONE);
		var response = send(HttpRequest.newBuilder(cxMetrics.resolve("/api/v1/kpis?from=" + today.minusDays(1) + "&to="
				+ today.plusDays(1)))
			.header("Authorization", "Bearer " + analystToken)
			.build());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body()).get("total");
	}

	/** A KPI's field as a whole number; 0 when the KPI or the field is absent (nothing counted yet). */
	private static long count(JsonNode kpis, String kpi, String field) {
		var value = kpis.path(kpi).path(field);
		return value.isMissingNode() || value.isNull() ? 0 : Math.round(value.asDouble());
	}

	private static String text(WebDriver driver, String css) {
		var found = driver.findElements(By.cssSelector(css));
		return found.isEmpty() ? "" : found.get(0).getText();
	}

	private static URI serviceUrl(Map<String, String> environment, String name) {
		return URI.create("http://localhost:" + Service.named(name).orElseThrow().port(environment));
	}

	private static HttpRequest post(URI uri, String token, String body) {
		return HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * An English-speaking customer who agreed to email only: two mugs (returnable) and a gift card (final
	 * sale), paid with a Stripe PaymentIntent.
	 */
	private static String order(String email) {
		return """
				{"source": "journey-test", "externalOrderId": "JT-%s", "salesChannel": "WEB",
				 "customer": {"customerId": "cus-journey-%s", "email": "%s", "name": "Oliver Smith",
				              "locale": "en-GB", "timeZone": "Europe/London",
				              "consents": {"email": true, "sms": false, "whatsapp": false}},
				 "lines": [{"sku": "SKU-MUG", "name": "Stoneware mug", "quantity": 2,
				            "unitPrice": {"amount": 14.50, "currency": "EUR"}, "category": "home", "finalSale": false},
				           {"sku": "SKU-GIFTCARD-50", "name": "Gift card 50", "quantity": 1,
				            "unitPrice": {"amount": 50.00, "currency": "EUR"}, "category": "gift", "finalSale": true}],
				 "shippingAddress": {"name": "Oliver Smith", "line1": "1 Park Row", "postalCode": "LS1 4AP",
				                     "city": "Leeds", "country": "GB"},
				 "promise": {"by": "%s", "timeZone": "Europe/London"},
				 "payment": {"provider": "stripe", "reference": "pi_3JourneyTest%s"}}
				""".formatted(UUID.randomUUID(), UUID.randomUUID(), email, Instant.now().plus(Duration.ofDays(3)),
				System.nanoTime());
	}

	/** Writes to the console and keeps a copy, to read what the stack printed. */
	private static final class Tee extends OutputStream {

		private final OutputStream console;

		private final OutputStream copy;

		Tee(OutputStream console, OutputStream copy) {
			this.console = console;
			this.copy = copy;
		}

		@Override
		public synchronized void write(int b) throws IOException {
			this.console.write(b);
			this.copy.write(b);
		}

		@Override
		public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
			this.console.write(bytes, offset, length);
			this.copy.write(bytes, offset, length);
		}

		@Override
		public synchronized void flush() throws IOException {
			this.console.flush();
		}
	}
}
