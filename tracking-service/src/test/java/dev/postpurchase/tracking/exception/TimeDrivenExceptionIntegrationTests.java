package dev.postpurchase.tracking.exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.exception.DeliveryExceptionResolved.Resolution;
import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.exception.Severity;
import dev.postpurchase.contracts.shipment.PromiseState;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.tracking.TrackingServiceIntegrationTest;
import dev.postpurchase.tracking.exception.Parcels.Parcel;

/**
 * LATE, STALLED, NO_INFO and a failed attempt each raise exactly one exception, whatever how often
 * the checker runs, and resolve when the parcel is delivered. The clock only moves forward.
 */
@TrackingServiceIntegrationTest
class TimeDrivenExceptionIntegrationTests {

	private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

	@Autowired
	WebTestClient web;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	MutableClock clock;

	@Autowired
	ExceptionChecker checker;

	Parcels parcels;

	@org.junit.jupiter.api.BeforeEach
	void parcels() {
		parcels = new Parcels(web, mongo);
	}

	@Test
	void aPassedPromiseRaisesLateOnceAndDeliveryResolvesIt() {
		var parcel = parcels.register(clock.instant().plus(Duration.ofHours(1)), AMSTERDAM);
		parcels.scan(parcel, clock.instant(), TrackingStatus.IN_TRANSIT, null);
		checker.runOnce().block();
		assertThat(parcels.exceptions(parcel, ExceptionKind.LATE)).isEmpty();

		clock.advance(Duration.ofHours(2));
		parcels.awaitOpen(checker, parcel, ExceptionKind.LATE);
		Parcels.runTwice(checker);
		var late = parcels.exceptions(parcel, ExceptionKind.LATE);
		assertThat(late).singleElement().satisfies(exception -> assertThat(exception.severity()).isEqualTo(Severity.HIGH));
		assertThat(parcels.shipment(parcel).promiseState()).isEqualTo(PromiseState.LATE);

		clock.advance(Duration.ofMinutes(30));
		parcels.scan(parcel, clock.instant(), TrackingStatus.DELIVERED, null);
		assertResolvedOnDelivery(parcel, ExceptionKind.LATE, 1800);
		assertThat(parcels.shipment(parcel).nextCheckAt()).isNull();
	}

	@Test
	void aFridayEveningScanDoesNotStallOverTheWeekendButDoesOnTuesday() {
		// a Friday 18:00 in Amsterdam, days ahead of wherever the clock is
		var friday = clock.instant().plus(Duration.ofDays(1)).atZone(AMSTERDAM)
			.with(TemporalAdjusters.next(DayOfWeek.FRIDAY)).with(LocalTime.of(18, 0));
		clock.set(friday.toInstant());
		var parcel = parcels.register(friday.plusDays(14).toInstant(), AMSTERDAM);
		parcels.scan(parcel, friday.toInstant(), TrackingStatus.IN_TRANSIT, null);

		clock.set(friday.plusDays(3).plusMinutes(30).toInstant()); // Monday 18:30: 30 business hours
		Parcels.drain(checker);
		assertThat(parcels.exceptions(parcel, ExceptionKind.STALLED)).isEmpty();
		assertThat(parcels.shipment(parcel).promiseState()).isEqualTo(PromiseState.ON_TRACK);

		clock.set(friday.plusDays(4).plusMinutes(30).toInstant()); // Tuesday 18:30: 48.5 business hours
		parcels.awaitOpen(checker, parcel, ExceptionKind.STALLED);
		Parcels.runTwice(checker);
		assertThat(parcels.exceptions(parcel, ExceptionKind.STALLED)).singleElement()
			.satisfies(exception -> assertThat(exception.severity()).isEqualTo(Severity.MEDIUM));
		assertThat(parcels.shipment(parcel).promiseState()).isEqualTo(PromiseState.AT_RISK);

		clock.advance(Duration.ofMinutes(10));
		parcels.scan(parcel, clock.instant(), TrackingStatus.DELIVERED, null);
		assertResolvedOnDelivery(parcel, ExceptionKind.STALLED, 600);
	}

	@Test
	void noFirstScanRaisesNoInfoOnceAndDeliveryResolvesIt() {
		var parcel = parcels.register(null, null);
		clock.advance(Duration.ofDays(2));
		Parcels.drain(checker);
		assertThat(parcels.exceptions(parcel, ExceptionKind.NO_INFO)).isEmpty();

		clock.advance(Duration.ofDays(1).plusMinutes(1));
		parcels.awaitOpen(checker, parcel, ExceptionKind.NO_INFO);
		Parcels.runTwice(checker);
		assertThat(parcels.exceptions(parcel, ExceptionKind.NO_INFO)).singleElement()
			.satisfies(exception -> assertThat(exception.severity()).isEqualTo(Severity.LOW));

		clock.advance(Duration.ofHours(1));
		parcels.scan(parcel, clock.instant(), TrackingStatus.DELIVERED, null);
		assertResolvedOnDelivery(parcel, ExceptionKind.NO_INFO, 3600);
	}

	@Test
	void aFailedAttemptRaisesOneExceptionAndDeliveryResolvesIt() {
		var parcel = parcels.register(clock.instant().plus(Duration.ofDays(5)), AMSTERDAM);
		var now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		parcels.scan(parcel, now.minus(Duration.ofHours(3)), TrackingStatus.OUT_FOR_DELIVERY, null);
		parcels.scan(parcel, now.minus(Duration.ofHours(1)), TrackingStatus.ATTEMPT_FAIL, null);
		// the carrier sends the same scan again, and an older one late
		parcels.scan(parcel, now.minus(Duration.ofHours(1)), TrackingStatus.ATTEMPT_FAIL, null);
		parcels.scan(parcel, now.minus(Duration.ofHours(5)), TrackingStatus.IN_TRANSIT, null);
		Parcels.runTwice(checker);
		assertThat(parcels.exceptions(parcel, ExceptionKind.FAILED_ATTEMPT)).singleElement()
			.satisfies(exception -> assertThat(exception.isOpen()).isTrue());

		clock.advance(Duration.ofHours(4));
		parcels.scan(parcel, clock.instant(), TrackingStatus.DELIVERED, null);
		assertResolvedOnDelivery(parcel, ExceptionKind.FAILED_ATTEMPT, 4 * 3600);
	}

	@Test
	void scansResumingResolveAStallAndACarrierException() {
		var parcel = parcels.register(clock.instant().plus(Duration.ofDays(30)), ZoneOffset.UTC);
		var start = clock.instant().truncatedTo(ChronoUnit.SECONDS);
		parcels.scan(parcel, start, TrackingStatus.EXCEPTION, dev.postpurchase.contracts.shipment.ExceptionReason.CUSTOMS);
		assertThat(parcels.exceptions(parcel, ExceptionKind.CARRIER_EXCEPTION)).singleElement()
			.satisfies(exception -> assertThat(exception.reason())
				.isEqualTo(dev.postpurchase.contracts.shipment.ExceptionReason.CUSTOMS));
		clock.advance(Duration.ofDays(6)); // at least 48 business hours in any week
		parcels.awaitOpen(checker, parcel, ExceptionKind.STALLED);

		parcels.scan(parcel, clock.instant(), TrackingStatus.IN_TRANSIT, null);
		assertThat(parcels.awaitResolved(parcel, ExceptionKind.STALLED).resolution()).isEqualTo(Resolution.SCANS_RESUMED);
		assertThat(parcels.awaitResolved(parcel, ExceptionKind.CARRIER_EXCEPTION).resolution())
			.isEqualTo(Resolution.SCANS_RESUMED);
		assertThat(parcels.shipment(parcel).exceptions()).noneMatch(exception -> exception.isOpen());
		assertThat(parcels.shipment(parcel).promiseState()).isEqualTo(PromiseState.ON_TRACK);
	}

	private void assertResolvedOnDelivery(Parcel parcel, ExceptionKind kind, long openSeconds) {
		var resolved = parcels.awaitResolved(parcel, kind);
		assertThat(resolved.resolution()).isEqualTo(Resolution.DELIVERED);
		assertThat(resolved.resolvedBy()).isEqualTo("tracking-service");
		assertThat(resolved.openSeconds()).isEqualTo(openSeconds);
		// the resolution came after the raise on the same partition: everything raised is on the topic by now
		assertThat(parcels.raised(parcel)).singleElement().satisfies(raised -> {
			assertThat(raised.kind()).isEqualTo(kind);
			assertThat(raised.exceptionId()).isEqualTo(resolved.exceptionId());
			assertThat(raised.shipmentId()).isEqualTo(parcel.shipmentId());
		});
		assertThat(parcels.resolved(parcel)).singleElement();
		assertThat(parcels.shipment(parcel).exceptions()).noneMatch(exception -> exception.isOpen());
	}

}
