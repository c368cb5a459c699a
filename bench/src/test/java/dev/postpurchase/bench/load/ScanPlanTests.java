package dev.postpurchase.bench.load;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.postpurchase.contracts.shipment.TrackingStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ScanPlanTests {

	@Test
	void offersTheRateWithEveryStageInFlightAndEachParcelsScansInOrder() {
		var batch = new Parcels(6).batch("step", 100);
		var plan = new ScanPlan(batch, 6, 60, Duration.ofSeconds(1));

		// 60 scans/s, 6 per parcel: 10 parcels start per second; after 10.05 s, parcels 0..100 had stage 0 and
		// stage j lags j seconds (10 parcels) behind
		var due = plan.due(10.05);

		assertThat(due.stream().filter(scan -> scan.stage() == 0)).hasSize(100);
		assertThat(due.stream().filter(scan -> scan.stage() == 5)).hasSize(51);
		assertThat(plan.total()).isEqualTo(600);
		var all = new ArrayList<>(due);
		all.addAll(plan.due(100));
		assertThat(all).hasSize(600);
		assertThat(plan.done()).isTrue();
		var first = batch.parcels().get(0);
		assertThat(all.stream().filter(scan -> scan.parcel() == first).map(ScanPlan.Scan::stage)).containsExactly(0, 1, 2, 3,
				4, 5);
	}

	@Test
	void aJourneyEndsOutForDeliveryThenDeliveredWithCarrierTimesInOrder() {
		var batch = new Parcels(5).batch("step", 1);
		var plan = new ScanPlan(batch, 5, 10, Duration.ofSeconds(1));
		var parcel = batch.parcels().get(0);

		assertThat(IntStream.range(0, 5).mapToObj(plan::status)).containsExactly(
				TrackingStatus.INFO_RECEIVED, TrackingStatus.IN_TRANSIT, TrackingStatus.IN_TRANSIT,
				TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED);
		assertThat(plan.textedStage()).isEqualTo(3);
		var times = IntStream.range(0, 5)
			.mapToObj(stage -> OffsetDateTime.parse(plan.update(new ScanPlan.Scan(parcel, stage)).checkpointTime()))
			.toList();
		assertThat(times).isSorted().doesNotHaveDuplicates();
		assertThat(times.get(4).toInstant()).isBefore(Instant.now());
		assertThat(plan.update(new ScanPlan.Scan(parcel, 0)).trackingNumber()).isEqualTo(parcel.trackingNumber());
	}

	@Test
	void asFastAsTakenStillKeepsStagesApart() {
		var batch = new Parcels(4).batch("max", 5_000);
		var plan = new ScanPlan(batch, 4, 0, Duration.ofSeconds(1));
		var virtual = new double[1];

		var firstRound = plan.nextRound(virtual);

		assertThat(firstRound).isNotEmpty().allMatch(scan -> scan.stage() == 0);
		var count = firstRound.size();
		while (!plan.done()) {
			count += plan.nextRound(virtual).size();
		}
		assertThat(count).isEqualTo(20_000);
	}
}
