package dev.postpurchase.tracking.exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.exception.DeliveryExceptionResolved.Resolution;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.exception.Severity;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.TestTokens;
import dev.postpurchase.tracking.TrackingServiceIntegrationTest;
import dev.postpurchase.tracking.exception.Parcels.Parcel;

/**
 * The exceptions a pickup point's hold and a return to sender bring: PICKUP_EXPIRING once within
 * {@code pickup-warn-before} of the hold's end (resolved by the delivery), and a delivered parcel
 * returned to sender becoming an Exception with a HIGH carrier exception. The clock only moves forward.
 */
@TrackingServiceIntegrationTest
class CarrierEventExceptionIntegrationTests {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	WebTestClient web;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	MutableClock clock;

	@Autowired
	ExceptionChecker checker;

	@Autowired
	ExceptionSettings settings;

	Parcels parcels;

	@BeforeEach
	void parcels() {
		parcels = new Parcels(web, mongo);
	}

	@Test
	void anUncollectedParcelRaisesPickupExpiringOnceWithinTheWarningAndDeliveryResolvesIt() {
		var parcel = parcels.register(clock.instant().plus(Duration.ofDays(30)), AMSTERDAM);
		var arrived = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		parcels.scan(parcel, arrived.minus(Duration.ofHours(6)), TrackingStatus.IN_TRANSIT, null);
		parcels.scan(parcel, arrived, TrackingStatus.AVAILABLE_FOR_PICKUP, null);
		var warnFrom = arrived.plus(settings.pickupHold()).minus(settings.pickupWarnBefore());
		assertThat(warnFrom).isAfter(arrived);
		// the next check is the warning itself: a pickup wait does not stall, the promise is weeks away
		assertThat(parcels.shipment(parcel).nextCheckAt()).isEqualTo(warnFrom);

		// a minute before the warning: nothing yet, however often the checker runs
		clock.advance(Duration.between(clock.instant(), warnFrom).minus(Duration.ofMinutes(1)));
		Parcels.drain(checker);
		assertThat(parcels.exceptions(parcel, ExceptionKind.PICKUP_EXPIRING)).isEmpty();

		// within pickup-warn-before of the hold's end
		clock.advance(Duration.ofMinutes(2));
		parcels.awaitOpen(checker, parcel, ExceptionKind.PICKUP_EXPIRING);
		Parcels.runTwice(checker);
		assertThat(parcels.exceptions(parcel, ExceptionKind.PICKUP_EXPIRING)).singleElement()
			.satisfies(exception -> {
				assertThat(exception.severity()).isEqualTo(Severity.MEDIUM);
				assertThat(exception.since()).isEqualTo(arrived);
			});
		await().atMost(Parcels.TIMEOUT)
			.untilAsserted(() -> assertThat(parcels.raised(parcel)).singleElement().satisfies(raised -> {
				assertThat(raised.kind()).isEqualTo(ExceptionKind.PICKUP_EXPIRING);
				assertThat(raised.severity()).isEqualTo(Severity.MEDIUM);
				assertThat(raised.shipmentId()).isEqualTo(parcel.shipmentId());
			}));

		clock.advance(Duration.ofHours(3));
		parcels.scan(parcel, clock.instant(), TrackingStatus.DELIVERED, null);
		var resolved = parcels.awaitResolved(parcel, ExceptionKind.PICKUP_EXPIRING);
		assertThat(resolved.resolution()).isEqualTo(Resolution.DELIVERED);
		assertThat(resolved.resolvedBy()).isEqualTo("tracking-service");
		assertThat(resolved.openSeconds()).isEqualTo(Duration.ofHours(3).toSeconds());
		// the resolution came after the raise on the same partition: everything raised is on the topic by now
		assertThat(parcels.raised(parcel)).singleElement()
			.satisfies(raised -> assertThat(raised.exceptionId()).isEqualTo(resolved.exceptionId()));
		assertThat(parcels.resolved(parcel)).singleElement();
		var shipment = parcels.shipment(parcel);
		assertThat(shipment.status()).isEqualTo(TrackingStatus.DELIVERED);
		assertThat(shipment.exceptions()).noneMatch(exception -> exception.isOpen());
		assertThat(shipment.nextCheckAt()).isNull();
	}

	@Test
	void aDeliveredParcelReturnedToSenderBecomesAnExceptionWithAHighCarrierException() {
		var parcel = parcels.register(clock.instant().plus(Duration.ofDays(5)), AMSTERDAM);
		var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		parcels.scan(parcel, now.minus(Duration.ofHours(5)), TrackingStatus.IN_TRANSIT, null);
		parcels.scan(parcel, now.minus(Duration.ofHours(2)), TrackingStatus.DELIVERED, null);
		assertThat(parcels.shipment(parcel).status()).isEqualTo(TrackingStatus.DELIVERED);
		assertThat(parcels.shipment(parcel).exceptions()).isEmpty();

		clock.advance(Duration.ofDays(1));
		var returned = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		parcels.scan(parcel, returned, TrackingStatus.EXCEPTION, ExceptionReason.RETURNED_TO_SENDER);

		var shipment = parcels.shipment(parcel);
		assertThat(shipment.status()).isEqualTo(TrackingStatus.EXCEPTION);
		assertThat(shipment.deliveredAt()).isNull();
		assertThat(parcels.exceptions(parcel, ExceptionKind.CARRIER_EXCEPTION)).singleElement().satisfies(exception -> {
			assertThat(exception.isOpen()).isTrue();
			assertThat(exception.severity()).isEqualTo(Severity.HIGH);
			assertThat(exception.reason()).isEqualTo(ExceptionReason.RETURNED_TO_SENDER);
			assertThat(exception.since()).isEqualTo(returned);
		});
		web.get().uri("/api/v1/shipments/{trackingNumber}", parcel.trackingNumber())
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$[0].status").isEqualTo("Exception");
		await().atMost(Parcels.TIMEOUT)
			.untilAsserted(() -> assertThat(parcels.raised(parcel)).singleElement().satisfies(raised -> {
				assertThat(raised.kind()).isEqualTo(ExceptionKind.CARRIER_EXCEPTION);
				assertThat(raised.severity()).isEqualTo(Severity.HIGH);
				assertThat(raised.reason()).isEqualTo(ExceptionReason.RETURNED_TO_SENDER);
				assertThat(raised.shipmentId()).isEqualTo(parcel.shipmentId());
			}));

		// the carrier repeating the delivery scan does not make it delivered again
		parcels.scan(parcel, now.minus(Duration.ofHours(2)), TrackingStatus.DELIVERED, null);
		assertThat(parcels.shipment(parcel).status()).isEqualTo(TrackingStatus.EXCEPTION);
		assertThat(parcels.exceptions(parcel, ExceptionKind.CARRIER_EXCEPTION)).singleElement()
			.satisfies(exception -> assertThat(exception.isOpen()).isTrue());
	}

}
