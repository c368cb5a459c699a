package dev.postpurchase.contracts;

import java.util.Arrays;

import dev.postpurchase.contracts.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.postpurchase.contracts.shipment.TrackingStatus.ATTEMPT_FAIL;
import static dev.postpurchase.contracts.shipment.TrackingStatus.AVAILABLE_FOR_PICKUP;
import static dev.postpurchase.contracts.shipment.TrackingStatus.DELIVERED;
import static dev.postpurchase.contracts.shipment.TrackingStatus.EXCEPTION;
import static dev.postpurchase.contracts.shipment.TrackingStatus.INFO_RECEIVED;
import static dev.postpurchase.contracts.shipment.TrackingStatus.IN_TRANSIT;
import static dev.postpurchase.contracts.shipment.TrackingStatus.OUT_FOR_DELIVERY;
import static dev.postpurchase.contracts.shipment.TrackingStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;

/** The ranks that keep out-of-order carrier scans from moving a shipment backwards. */
class TrackingStatusTests {

	@ParameterizedTest
	@EnumSource(TrackingStatus.class)
	void deliveredSupersedesEverything(TrackingStatus status) {
		assertThat(DELIVERED.supersedes(status)).isTrue();
		assertThat(DELIVERED.rank()).isGreaterThanOrEqualTo(status.rank());
	}

	@ParameterizedTest
	@EnumSource(value = TrackingStatus.class, names = "DELIVERED", mode = EnumSource.Mode.EXCLUDE)
	void nothingElseSupersedesDelivered(TrackingStatus status) {
		assertThat(status.supersedes(DELIVERED)).isFalse();
	}

	@Test
	void aLateInTransitScanDoesNotUndoDelivery() {
		assertThat(IN_TRANSIT.supersedes(DELIVERED)).isFalse();
		assertThat(IN_TRANSIT.supersedes(OUT_FOR_DELIVERY)).isFalse();
	}

	@Test
	void outForDeliveryAndAFailedAttemptReplaceEachOther() {
		assertThat(ATTEMPT_FAIL.supersedes(OUT_FOR_DELIVERY)).isTrue();
		assertThat(OUT_FOR_DELIVERY.supersedes(ATTEMPT_FAIL)).isTrue();
		assertThat(AVAILABLE_FOR_PICKUP.supersedes(ATTEMPT_FAIL)).isTrue();
		assertThat(EXCEPTION.supersedes(OUT_FOR_DELIVERY)).isTrue();
	}

	@Test
	void theLifecycleMovesForward() {
		assertThat(INFO_RECEIVED.supersedes(PENDING)).isTrue();
		assertThat(IN_TRANSIT.supersedes(INFO_RECEIVED)).isTrue();
		assertThat(OUT_FOR_DELIVERY.supersedes(IN_TRANSIT)).isTrue();
		assertThat(PENDING.supersedes(IN_TRANSIT)).isFalse();
	}

	@ParameterizedTest
	@EnumSource(TrackingStatus.class)
	void anyStatusSupersedesNoStatusAndItself(TrackingStatus status) {
		assertThat(status.supersedes(null)).isTrue();
		assertThat(status.supersedes(status)).isTrue();
	}

	@Test
	void wireNamesAreTheTrackersTags() {
		assertThat(Arrays.stream(TrackingStatus.values()).map(s -> EventJson.mapper().valueToTree(s).asString()))
			.containsExactly("Pending", "InfoReceived", "InTransit", "OutForDelivery", "AttemptFail",
					"AvailableForPickup", "Exception", "Expired", "Delivered");
	}

}
