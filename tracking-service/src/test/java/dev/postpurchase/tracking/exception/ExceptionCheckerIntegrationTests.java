package dev.postpurchase.tracking.exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.contracts.exception.ExceptionKind;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import dev.postpurchase.kit.lease.Leases;
import dev.postpurchase.kit.outbox.OutboxRelay;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.tracking.TrackingServiceIntegrationTest;
import dev.postpurchase.tracking.exception.Parcels.Parcel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Flux;

/** The checker at scale and in company: several instances raise once, and what is not due is not read. */
@TrackingServiceIntegrationTest
class ExceptionCheckerIntegrationTests {

	@Autowired
	WebTestClient web;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	MutableClock clock;

	@Autowired
	ExceptionChecker checker;

	@Autowired
	TimeRules rules;

	@Autowired
	ExceptionSettings settings;

	@Autowired
	OutboxRelay relay;

	@Autowired
	MeterRegistry meters;

	Parcels parcels;

	@BeforeEach
	void parcels() {
		parcels = new Parcels(web, mongo);
	}

	@Test
	void twoCheckersRunningAtOnceRaiseEachExceptionOnce() throws Exception {
		var promisedBy = clock.instant().plus(Duration.ofMinutes(30));
		var late = new ArrayList<Parcel>();
		for (int i = 0; i < 12; i++) {
			var parcel = parcels.register(promisedBy, ZoneOffset.UTC);
			parcels.scan(parcel, clock.instant(), TrackingStatus.IN_TRANSIT, null);
			late.add(parcel);
		}
		clock.advance(Duration.ofHours(1));
		// a second instance: its own checker on the same database
		var other = new ExceptionChecker(mongo, rules, settings, relay, clock, new SimpleMeterRegistry(),
				new Leases(mongo, clock, new SimpleMeterRegistry()));
		var barrier = new CyclicBarrier(2);
		var threads = Executors.newFixedThreadPool(2);
		try {
			await().atMost(Parcels.TIMEOUT).untilAsserted(() -> {
				List<Future<ExceptionChecker.Run>> runs = new ArrayList<>();
				for (var instance : List.of(checker, other)) {
					runs.add(threads.submit(() -> {
						barrier.await();
						return instance.runOnce().block();
					}));
				}
				for (var run : runs) {
					run.get();
				}
				assertThat(late).allSatisfy(parcel -> assertThat(parcels.exceptions(parcel, ExceptionKind.LATE))
					.anyMatch(exception -> exception.isOpen()));
			});
		}
		finally {
			threads.shutdownNow();
		}
		clock.advance(Duration.ofMinutes(5));
		for (var parcel : late) {
			assertThat(parcels.exceptions(parcel, ExceptionKind.LATE)).hasSize(1);
			parcels.scan(parcel, clock.instant(), TrackingStatus.DELIVERED, null);
		}
		for (var parcel : late) {
			var resolved = parcels.awaitResolved(parcel, ExceptionKind.LATE);
			assertThat(resolved.openSeconds()).isEqualTo(300);
			assertThat(parcels.raised(parcel)).singleElement()
				.satisfies(raised -> assertThat(raised.exceptionId()).isEqualTo(resolved.exceptionId()));
		}
	}

	@Test
	void aRunOverAHundredThousandShipmentsThatAreNotDueReadsNoneOfThem() {
		var farAhead = java.util.Date.from(clock.instant().plus(Duration.ofDays(3650)));
		var total = 100_000;
		try {
			Flux.range(0, total / 1000)
				.concatMap(batch -> {
					var documents = new ArrayList<Document>(1000);
					for (int i = batch * 1000; i < (batch + 1) * 1000; i++) {
						documents.add(new Document("_id", "bulk:NOTDUE" + i).append("shipmentId", "shp_bulk" + i)
							.append("orderId", "ord_bulk" + i)
							.append("carrier", "bulk")
							.append("trackingNumber", "NOTDUE" + i)
							.append("status", "IN_TRANSIT")
							.append("nextCheckAt", farAhead));
					}
					return mongo.insert(documents, "shipments").count();
				})
				.blockLast(Duration.ofMinutes(3));
			assertThat(mongo.count(notDue(), "shipments").block()).isEqualTo(total);
			// what other tests left due is checked first, so the run below only finds what is due now
			await().atMost(Parcels.TIMEOUT).until(() -> checker.runOnce().block().checked().isEmpty());

			var itemsChecked = meters.counter("tracking.checker.items.checked").count();
			var run = checker.runOnce().block();
			assertThat(run.checked()).isEmpty();
			assertThat(meters.counter("tracking.checker.items.checked").count()).isEqualTo(itemsChecked);

			// and a due one among them is found alone
			var parcel = parcels.register(null, null);
			clock.advance(settings.noInfoAfter().plusMinutes(1));
			await().atMost(Parcels.TIMEOUT).untilAsserted(() -> {
				var checked = checker.runOnce().block().checked();
				assertThat(checked).noneMatch(id -> id.startsWith("bulk:"));
				assertThat(parcels.exceptions(parcel, ExceptionKind.NO_INFO)).isNotEmpty();
			});
		}
		finally {
			mongo.remove(notDue(), "shipments").block(Duration.ofMinutes(2));
		}
	}

	private static Query notDue() {
		return Query.query(Criteria.where("carrier").is("bulk"));
	}

}
