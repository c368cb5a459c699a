package dev.postpurchase.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParcelTests {

	@Test
	void aJourneyIsDecidedOnceEveryMilestoneMessageIsEachCountedOnce() {
		var batch = new Parcels(6).batch("step", 2);
		var parcel = batch.parcels().get(0);

		parcel.decided("ORDER_CONFIRMED", "email sent");
		parcel.decided("SHIPPED", "email sent");
		parcel.decided("OUT_FOR_DELIVERY", "sms sent");
		parcel.decided("OUT_FOR_DELIVERY", "sms suppressed duplicate");
		parcel.decided("DELAYED", "email sent");

		assertThat(batch.confirmationsDecidedCount()).isEqualTo(1);
		assertThat(batch.journeysDecidedCount()).isZero();
		assertThat(parcel.textOutcome()).isEqualTo("sms sent");

		parcel.decided("DELIVERED", "email sent");
		parcel.decided("DELIVERED", "email sent");

		assertThat(batch.journeysDecidedCount()).isEqualTo(1);
	}

	@Test
	void parcelsAreFoundByTheirOwnContactData() {
		var parcels = new Parcels(6);
		var first = parcels.batch("a", 1).parcels().get(0);
		var second = parcels.batch("b", 1).parcels().get(0);

		assertThat(first.phone()).isNotEqualTo(second.phone()).matches("\\+[1-9][0-9]{6,14}");
		assertThat(parcels.byPhone(second.phone())).isSameAs(second);
		assertThat(parcels.byEmail(first.email())).isSameAs(first);
		parcels.placed(second, "ord_1", 5);
		assertThat(parcels.byOrderId("ord_1")).isSameAs(second);
		assertThat(second.orderAccepted()).isEqualTo(5);
	}
}
