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

	/** The platform can be quicker than the benchmark reads order-service's answer. */
	@Test
	void anOrdersEventsThatComeBeforeItsIdIsKnownCountOnceItIs() {
		var parcels = new Parcels(6);
		var batch = parcels.batch("step", 1);
		var parcel = batch.parcels().get(0);

		parcels.withOrder("ord_early", early -> early.decided("ORDER_CONFIRMED", "email sent"));
		parcels.withOrder("ord_someone_elses", other -> other.decided("ORDER_CONFIRMED", "email sent"));

		assertThat(batch.confirmationsDecidedCount()).isZero();
		parcels.placed(parcel, "ord_early", 5);
		assertThat(batch.confirmationsDecidedCount()).isEqualTo(1);
		parcels.withOrder("ord_early", known -> known.decided("SHIPPED", "email sent"));
		parcels.withOrder("ord_early", known -> assertThat(known).isSameAs(parcel));
	}
}
