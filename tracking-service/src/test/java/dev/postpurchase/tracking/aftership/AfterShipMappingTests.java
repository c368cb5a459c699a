package dev.postpurchase.tracking.aftership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.shipment.ExceptionReason;
import dev.postpurchase.contracts.shipment.Location;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** AfterShip's documented webhook payload as canonical carrier updates. */
class AfterShipMappingTests {

	@Test
	void everyCheckpointIsAnUpdateWithItsLocalTimeAsGivenAndItsCountrysZone() {
		var updates = updates(AfterShipPayloads.webhook(AfterShipPayloads.DELIVERED, "3SPPOD4518920"));

		assertThat(updates).hasSize(5);
		assertThat(updates).map(InboundTrackingUpdate::carrier).containsOnly("postnl-3s");
		assertThat(updates).map(InboundTrackingUpdate::trackingNumber).containsOnly("3SPPOD4518920");
		assertThat(updates).map(InboundTrackingUpdate::checkpointTime).containsExactly("2026-10-23T17:32:00",
				"2026-10-23T21:05:00", "2026-10-26T04:10:00", "2026-10-26T09:47:00", "2026-10-26T13:21:00");
		assertThat(updates).map(InboundTrackingUpdate::status).containsExactly(TrackingStatus.INFO_RECEIVED,
				TrackingStatus.IN_TRANSIT, TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY,
				TrackingStatus.DELIVERED);
		assertThat(updates).map(InboundTrackingUpdate::subStatus).containsExactly("InfoReceived_001", "InTransit_002",
				"InTransit_003", "OutForDelivery_001", "Delivered_001");
		assertThat(updates).map(InboundTrackingUpdate::reason).containsOnlyNulls();
		assertThat(updates.get(2).message()).isEqualTo("The shipment has been sorted");
		assertThat(updates.get(2).location()).isEqualTo(new Location("Nieuwegein", "3439", "NLD", "Europe/Amsterdam"));
		// no country: from the Netherlands to the Netherlands, so Amsterdam's time
		assertThat(updates.get(0).location()).isEqualTo(new Location(null, null, null, "Europe/Amsterdam"));
	}

	@Test
	void theCarriersEstimateRidesOnTheLastUpdateAsTheEndOfThatDayAtTheDestination() {
		var updates = updates(AfterShipPayloads.webhook(AfterShipPayloads.DELIVERED, "3SPPOD4518920"));

		assertThat(updates.subList(0, 4)).map(InboundTrackingUpdate::estimatedDelivery).containsOnlyNulls();
		assertThat(updates.get(4).estimatedDelivery()).isEqualTo("2026-10-27T23:59:59+01:00");
	}

	@Test
	void withoutExpectedDeliveryTheCouriersThenAfterShipsEstimateIsTaken() {
		var webhook = AfterShipPayloads.webhook(AfterShipPayloads.DELIVERED, "3SPPOD4518920");
		var msg = (ObjectNode) webhook.get("msg");
		msg.putNull("expected_delivery");
		((ObjectNode) msg.get("courier_estimated_delivery_date")).put("estimated_delivery_date", "2026-10-28T18:00:00");
		assertThat(last(updates(webhook)).estimatedDelivery()).isEqualTo("2026-10-28T18:00+01:00");

		msg.putNull("courier_estimated_delivery_date");
		((ObjectNode) msg.get("aftership_estimated_delivery_date")).putNull("estimated_delivery_date");
		assertThat(last(updates(webhook)).estimatedDelivery()).isEqualTo("2026-10-28T23:59:59+01:00");

		msg.put("expected_delivery", "next week");
		assertThat(last(updates(webhook)).estimatedDelivery())
			.as("an unreadable estimate is left out, the next one taken")
			.isEqualTo("2026-10-28T23:59:59+01:00");
	}

	@Test
	void anExceptionsReasonComesFromItsDocumentedSubtag() {
		assertThat(reasonOf("Exception_004")).isEqualTo(ExceptionReason.CUSTOMS);
		assertThat(reasonOf("Exception_018")).isEqualTo(ExceptionReason.CUSTOMS);
		assertThat(reasonOf("Exception_010")).isEqualTo(ExceptionReason.RETURNED_TO_SENDER);
		assertThat(reasonOf("Exception_011")).isEqualTo(ExceptionReason.RETURNED_TO_SENDER);
		assertThat(reasonOf("Exception_012")).isEqualTo(ExceptionReason.DAMAGED);
		assertThat(reasonOf("Exception_013")).isEqualTo(ExceptionReason.LOST);
		assertThat(reasonOf("Exception_003")).isEqualTo(ExceptionReason.REFUSED);
		assertThat(reasonOf("Exception_002")).isEqualTo(ExceptionReason.ADDRESS_ISSUE);
		assertThat(reasonOf("Exception_007")).isEqualTo(ExceptionReason.ADDRESS_ISSUE);
		assertThat(reasonOf("Exception_017")).isEqualTo(ExceptionReason.WEATHER);
		assertThat(reasonOf("Exception_005")).isEqualTo(ExceptionReason.CARRIER_DELAY);
		assertThat(reasonOf("Exception_016")).isEqualTo(ExceptionReason.CARRIER_DELAY);
		assertThat(reasonOf("Exception_019")).isEqualTo(ExceptionReason.CARRIER_DELAY);
		assertThat(reasonOf("Exception_001")).isEqualTo(ExceptionReason.OTHER);
		assertThat(reasonOf("Exception_006")).isEqualTo(ExceptionReason.OTHER);
		assertThat(reasonOf("Exception_099")).isEqualTo(ExceptionReason.OTHER);
		assertThat(reasonOf(null)).isEqualTo(ExceptionReason.OTHER);
	}

	@Test
	void checkpointsAbroadGetTheirOwnCountrysZoneAndNoneWhereTheCountryHasSeveral() {
		var updates = updates(AfterShipPayloads.webhook(AfterShipPayloads.CUSTOMS_EXCEPTION, "JD014600006281230704"));

		assertThat(updates).map(update -> update.location().timeZone()).containsExactly("Europe/London",
				"Europe/London", "Europe/Amsterdam");
		assertThat(updates.get(2).reason()).isEqualTo(ExceptionReason.CUSTOMS);

		var webhook = AfterShipPayloads.webhook(AfterShipPayloads.CUSTOMS_EXCEPTION, "JD014600006281230704");
		var checkpoints = (ArrayNode) webhook.get("msg").get("checkpoints");
		((ObjectNode) checkpoints.get(0)).put("country_iso3", "USA");
		((ObjectNode) checkpoints.get(1)).remove("country_iso3");
		var elsewhere = updates(webhook);
		assertThat(elsewhere.get(0).location()).isEqualTo(new Location("LONDON-HEATHROW", null, "USA", null));
		assertThat(elsewhere.get(1).location().timeZone())
			.as("no country, and origin and destination differ: nothing to go by")
			.isNull();
	}

	@Test
	void newerWebhookVersionsFieldNamesAreReadToo() {
		var webhook = AfterShipPayloads.webhook(AfterShipPayloads.DELIVERED, "3SPPOD4518920");
		var checkpoint = (ObjectNode) webhook.get("msg").get("checkpoints").get(2);
		checkpoint.remove("country_iso3");
		checkpoint.remove("zip");
		checkpoint.put("country_region", "DEU").put("country_region_name", "Germany").put("postal_code", "10115");

		assertThat(updates(webhook).get(2).location()).isEqualTo(new Location("Nieuwegein", "10115", "DEU",
				"Europe/Berlin"));
	}

	@Test
	void theTrackingsOwnTagCountsWhenNoCheckpointCarriesIt() {
		var webhook = AfterShipPayloads.webhook(AfterShipPayloads.DELIVERED, "3SPPOD4518920");
		var msg = (ObjectNode) webhook.get("msg");
		msg.putArray("checkpoints");
		assertThat(updates(webhook)).singleElement().satisfies(delivered -> {
			assertThat(delivered.status()).isEqualTo(TrackingStatus.DELIVERED);
			assertThat(delivered.subStatus()).isEqualTo("Delivered_001");
			assertThat(delivered.checkpointTime()).isEqualTo("2026-10-26T13:21:00");
			assertThat(delivered.location()).isEqualTo(new Location(null, null, null, "Europe/Amsterdam"));
			assertThat(delivered.estimatedDelivery()).isEqualTo("2026-10-27T23:59:59+01:00");
		});

		msg.put("tag", "InTransit").put("subtag", "InTransit_001");
		assertThat(updates(webhook)).singleElement().satisfies(inTransit -> {
			assertThat(inTransit.checkpointTime()).isEqualTo("2026-10-26T12:25:41+00:00");
			assertThat(inTransit.location()).isNull();
		});

		msg.put("tag", "Pending").put("subtag", "Pending_001");
		assertThat(updates(webhook)).as("Pending is no scan").isEmpty();

		var expired = AfterShipPayloads.webhook(AfterShipPayloads.DELIVERED, "3SPPOD4518920");
		((ObjectNode) expired.get("msg")).put("tag", "Expired").put("subtag", "Expired_001");
		assertThat(updates(expired)).hasSize(6).last().satisfies(last -> {
			assertThat(last.status()).isEqualTo(TrackingStatus.EXPIRED);
			assertThat(last.checkpointTime()).isEqualTo("2026-10-26T12:25:41+00:00");
		});
	}

	@Test
	void aCheckpointTimeWithOffsetIsKeptAndADateAloneIsTheStartOfThatDay() {
		var webhook = AfterShipPayloads.webhook(AfterShipPayloads.DELIVERED, "3SPPOD4518920");
		var checkpoints = (ArrayNode) webhook.get("msg").get("checkpoints");
		((ObjectNode) checkpoints.get(0)).put("checkpoint_time", "2026-10-23T17:32:00+02:00");
		((ObjectNode) checkpoints.get(1)).put("checkpoint_time", "2026-10-23");

		var updates = updates(webhook);

		assertThat(updates.get(0).checkpointTime()).isEqualTo("2026-10-23T17:32:00+02:00");
		assertThat(updates.get(1).checkpointTime()).isEqualTo("2026-10-23T00:00");
	}

	@Test
	void everyMissingOrUndocumentedFieldIsNamed() {
		var webhook = AfterShipPayloads.webhook(AfterShipPayloads.DELIVERED, " ");
		var msg = (ObjectNode) webhook.get("msg");
		msg.remove("slug");
		var checkpoints = (ArrayNode) msg.get("checkpoints");
		((ObjectNode) checkpoints.get(0)).remove("checkpoint_time");
		((ObjectNode) checkpoints.get(1)).remove("tag");
		((ObjectNode) checkpoints.get(2)).put("tag", "Lost in space");
		msg.put("tag", "Teleported");

		assertThatExceptionOfType(InvalidAfterShipPayloadException.class).isThrownBy(() -> updates(webhook))
			.satisfies(ex -> assertThat(ex.getBody().getProperties().get("errors")).asInstanceOf(
					org.assertj.core.api.InstanceOfAssertFactories.LIST)
				.containsExactly("msg.slug: required", "msg.tracking_number: required",
						"msg.checkpoints[0].checkpoint_time: required", "msg.checkpoints[1].tag: required",
						"msg.checkpoints[2].tag: unknown tag; accepted values: [Pending, InfoReceived, InTransit, "
								+ "OutForDelivery, AttemptFail, AvailableForPickup, Exception, Expired, Delivered]",
						"msg.tag: unknown tag; accepted values: [Pending, InfoReceived, InTransit, OutForDelivery, "
								+ "AttemptFail, AvailableForPickup, Exception, Expired, Delivered]"));
	}

	@Test
	void theReceivedMetricIsTaggedWithAfterShipsTagsOnly() {
		var webhook = AfterShipPayloads.webhook(AfterShipPayloads.DELIVERED, "3SPPOD4518920");
		assertThat(AfterShipMapping.metricTag(read(webhook))).isEqualTo("Delivered");
		((ObjectNode) webhook.get("msg")).put("tag", "Something new");
		assertThat(AfterShipMapping.metricTag(read(webhook))).isEqualTo("other");
		((ObjectNode) webhook.get("msg")).remove("tag");
		assertThat(AfterShipMapping.metricTag(read(webhook))).isEqualTo("none");
	}

	private static ExceptionReason reasonOf(String subtag) {
		var webhook = AfterShipPayloads.webhook(AfterShipPayloads.CUSTOMS_EXCEPTION, "JD014600006281230704");
		var exception = (ObjectNode) webhook.get("msg").get("checkpoints").get(2);
		if (subtag == null) {
			exception.remove("subtag");
		}
		else {
			exception.put("subtag", subtag);
		}
		return updates(webhook).get(2).reason();
	}

	private static List<InboundTrackingUpdate> updates(ObjectNode webhook) {
		return AfterShipMapping.updates(read(webhook));
	}

	private static AfterShipWebhook read(ObjectNode webhook) {
		return AfterShipJson.webhook(AfterShipPayloads.bytes(webhook));
	}

	private static InboundTrackingUpdate last(List<InboundTrackingUpdate> updates) {
		return updates.get(updates.size() - 1);
	}

}
