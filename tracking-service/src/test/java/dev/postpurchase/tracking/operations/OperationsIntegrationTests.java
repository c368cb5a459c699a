package dev.postpurchase.tracking.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.Location;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.ScrapedMetrics;
import dev.postpurchase.testkit.TestTokens;
import dev.postpurchase.tracking.TrackingServiceIntegrationTest;
import dev.postpurchase.tracking.exception.ExceptionChecker;
import dev.postpurchase.tracking.exception.ExceptionMetricsRefresh;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What ops see of tracking-service: the Prometheus scrape (open, no token) with the update, checker,
 * open-exception, webhook-signature and carrier-data-lag metrics; the readiness probe; and logs
 * that hold no customer contact details, even when AfterShip sends them.
 */
@TrackingServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OperationsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final Location UTRECHT = new Location("Utrecht", "3542", "NL", "Europe/Amsterdam");

	private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

	private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9 ]{7,16}[0-9]");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	WebTestClient web;

	@Autowired
	MutableClock clock;

	@Autowired
	ExceptionChecker checker;

	@Autowired
	ApplicationContext context;

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void prometheusExposesTheUpdateCheckerAndOpenExceptionMetricsWithoutAToken() {
		var carrier = register("carrier-" + unique(), clock.instant().plus(Duration.ofDays(10)));
		var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		scan(carrier, now.minus(Duration.ofHours(1)), TrackingStatus.IN_TRANSIT, null);
		scan(carrier, now, TrackingStatus.EXCEPTION, ExceptionReason.CUSTOMS);
		checker.runOnce().block();
		ExceptionMetricsRefresh.refresh(context);

		var scrape = scrape();
		assertThat(scrape).containsPattern(sample("tracking_updates_received_total",
				"carrier=\"" + carrier.carrier() + "\"", "via=\"api\"") + " 2(\\.0)?$");
		assertThat(scrape).containsPattern(sample("tracking_checker_items_checked_total") + " \\d");
		assertThat(scrape).containsPattern(sample("tracking_checker_runs_seconds_count") + " [1-9]");
		assertThat(scrape).containsPattern(sample("tracking_exceptions_open", "kind=\"CARRIER_EXCEPTION\"") + " [1-9]");
		assertThat(scrape).containsPattern(sample("tracking_shipments", "carrier=\"" + carrier.carrier() + "\"",
				"status=\"EXCEPTION\"") + " 1(\\.0)?$");
		assertThat(scrape).containsPattern(sample("tracking_carrier_data_lag_seconds_bucket", "le=\"[^\"]+\"") + " \\d");
		assertThat(scrape).containsPattern(sample("tracking_carrier_data_lag_seconds_count") + " [1-9]");
	}

	@Test
	void aBadAfterShipSignatureIsCountedOnTheScrape() {
		var body = bytes(aftershipWebhook("EX" + unique().toUpperCase(), false));
		web.post()
			.uri("/webhooks/aftership")
			.contentType(MediaType.APPLICATION_JSON)
			.header("aftership-hmac-sha256", HmacSignatures.signBase64("not-the-secret", body))
			.bodyValue(body)
			.exchange()
			.expectStatus().isUnauthorized();

		assertThat(scrape()).containsPattern(sample("webhook_signature_failures_total", "source=\"aftership\"") + " [1-9]");
	}

	@Test
	void theWholeScrapeFollowsPrometheusNamingConventions() {
		var parcel = register("carrier-" + unique(), clock.instant().plus(Duration.ofDays(10)));
		scan(parcel, clock.instant().truncatedTo(ChronoUnit.SECONDS), TrackingStatus.IN_TRANSIT, null);
		checker.runOnce().block();
		ExceptionMetricsRefresh.refresh(context);

		var scrape = scrape();
		assertThat(scrape).contains("tracking_updates_received_total", "tracking_carrier_data_lag_seconds_bucket",
				"tracking_shipments", "http_server_requests_seconds", "kafka_producer_", "jvm_");
		ScrapedMetrics.assertFollowsConventions(scrape);
		// our own meters say what they count where they are registered
		for (var own : List.of("tracking_", "aftership_", "outbox_", "webhook_", "kafka_dlt_")) {
			assertThat(ScrapedMetrics.only(own, scrape)).as(own).doesNotContain("no description registered");
		}
	}

	@Test
	void theReadinessProbeIsUpWithoutAToken() {
		web.get().uri("/actuator/health/readiness").exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
	}

	@Test
	void theLogsOfAScanAndExceptionFlowHoldNoEmailAddressOrPhoneNumber(CapturedOutput output) {
		var parcel = register("dhl", clock.instant().plus(Duration.ofDays(10)));
		// AfterShip's payload names the customer and her contacts; a customs hold raises a carrier exception
		var webhook = aftershipWebhook(parcel.trackingNumber(), true);
		var body = bytes(webhook);
		web.post()
			.uri("/webhooks/aftership")
			.contentType(MediaType.APPLICATION_JSON)
			.header("aftership-hmac-sha256", HmacSignatures.signBase64("test-secret", body))
			.bodyValue(body)
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.outcome").isEqualTo("applied");
		checker.runOnce().block();
		clock.advance(Duration.ofMinutes(5));
		scan(parcel, clock.instant(), TrackingStatus.DELIVERED, null);
		topics.read(Topics.DELIVERY_EXCEPTION_EVENTS,
				r -> parcel.orderId().equals(r.key())
						&& DeliveryExceptionResolved.TYPE.equals(KafkaTopics.header(r, "ce_type")),
				1, TIMEOUT);

		// the capture does hold the service's logs of this flow
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(output.getAll())
			.contains("Shipment " + parcel.shipmentId() + " registered"));
		assertThat(EMAIL.matcher(output.getAll()).results().map(m -> m.group()).toList()).isEmpty();
		assertThat(PHONE.matcher(output.getAll()).results().map(m -> m.group()).toList()).isEmpty();
	}

	record Parcel(String orderId, String carrier, String trackingNumber, String shipmentId) {

	}

	/** A parcel registered by API; a carrier id of its own gives it metric series of its own. */
	private Parcel register(String carrier, Instant promisedBy) {
		var unique = unique();
		var parcel = new Parcel("ord_" + unique, carrier, "OP" + unique.toUpperCase(), "shp_" + unique);
		var body = new HashMap<String, Object>();
		body.put("orderId", parcel.orderId());
		body.put("shipmentId", parcel.shipmentId());
		body.put("carrier", parcel.carrier());
		body.put("trackingNumber", parcel.trackingNumber());
		body.put("promise", new DeliveryPromise(null, promisedBy, ZoneId.of("Europe/Amsterdam")));
		web.post().uri("/api/v1/shipments").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(body)
			.exchange()
			.expectStatus().isCreated();
		return parcel;
	}

	private void scan(Parcel parcel, Instant at, TrackingStatus status, ExceptionReason reason) {
		var update = new InboundTrackingUpdate(parcel.carrier(), parcel.trackingNumber(), at.toString(), status, null,
				reason, "scan", UTRECHT, null);
		web.post().uri("/api/v1/tracking-events").headers(h -> h.setBearerAuth(TestTokens.of("tracking:write")))
			.bodyValue(List.of(update))
			.exchange()
			.expectStatus().isAccepted();
	}

	private String scrape() {
		return web.get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
	}

	/** A sample line of the metric with at least these labels, in any order among others. */
	private static String sample(String name, String... labels) {
		var pattern = new StringBuilder("(?m)^").append(Pattern.quote(name)).append("\\{");
		for (var label : labels) {
			pattern.append("(?=[^}]*").append(label).append(")");
		}
		return pattern.append("[^}]*\\}").toString();
	}

	/** AfterShip's customs-hold fixture for this parcel, as a new event now; with the customer's contacts. */
	private ObjectNode aftershipWebhook(String trackingNumber, boolean withContacts) {
		try (var in = new ClassPathResource("aftership/tracking-update-exception-customs.json").getInputStream()) {
			var webhook = (ObjectNode) JSON.readTree(in);
			webhook.put("event_id", UUID.randomUUID().toString());
			webhook.put("ts", clock.instant().getEpochSecond());
			var msg = (ObjectNode) webhook.get("msg");
			msg.put("tracking_number", trackingNumber);
			msg.put("title", trackingNumber);
			if (withContacts) {
				msg.putArray("emails").add("jon.snow@example.com");
				msg.putArray("smses").add("+31 6 12345678");
			}
			return webhook;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] bytes(ObjectNode webhook) {
		return JSON.writeValueAsBytes(webhook);
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

}
