package dev.postpurchase.bench.measure;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.postpurchase.bench.load.Parcel;
import dev.postpurchase.bench.load.Parcels;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.notification.NotificationSuppressed;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformEventsTests {

	private static final Instant NOW = Instant.parse("2026-05-13T10:00:00Z");

	/**
	 * A shipped message is decided when it was sent, suppressed or failed for good; deferred for quiet
	 * hours, suppressed as a duplicate or failed with a retry to come, it is not yet.
	 */
	@Test
	void aShippedMessageCountsAsDecidedOnlyWhenItsDecisionIsFinal() {
		var batch = new Parcels(6).batch("step", 4);
		var sent = batch.parcels().get(0);
		var suppressed = batch.parcels().get(1);
		var failed = batch.parcels().get(2);
		var pending = batch.parcels().get(3);

		read(pending, PlatformEvents.SUPPRESSED, suppressed(Milestone.SHIPPED, NotificationSuppressed.Reason.QUIET_HOURS));
		read(pending, PlatformEvents.SUPPRESSED, suppressed(Milestone.SHIPPED, NotificationSuppressed.Reason.DUPLICATE));
		read(pending, PlatformEvents.FAILED, failed(Milestone.SHIPPED, true));
		read(pending, PlatformEvents.SENT, sent(Milestone.ORDER_CONFIRMED));
		read(sent, PlatformEvents.SENT, sent(Milestone.SHIPPED));
		read(suppressed, PlatformEvents.SUPPRESSED, suppressed(Milestone.SHIPPED, NotificationSuppressed.Reason.OPTED_OUT));
		read(failed, PlatformEvents.FAILED, failed(Milestone.SHIPPED, false));

		assertThat(batch.shippedDecidedCount()).isEqualTo(3);
		assertThat(batch.confirmationsDecidedCount()).isEqualTo(1);

		read(pending, PlatformEvents.SENT, sent(Milestone.SHIPPED));

		assertThat(batch.shippedDecidedCount()).isEqualTo(4);
	}

	private static void read(Parcel parcel, String type, Object event) {
		PlatformEvents.read(parcel, type, new ConsumerRecord<>(Topics.NOTIFICATION_EVENTS, 0, 0, "ord_1",
				EventJson.mapper().writeValueAsBytes(event)));
	}

	private static NotificationSent sent(Milestone milestone) {
		return new NotificationSent(UUID.randomUUID(), "ord_1", NOW, "n-1", "c-1", Channel.EMAIL, milestone, "shipped",
				"en", "m-1");
	}

	private static NotificationSuppressed suppressed(Milestone milestone, NotificationSuppressed.Reason reason) {
		return new NotificationSuppressed(UUID.randomUUID(), "ord_1", NOW, "n-1", "c-1", Channel.EMAIL, milestone, reason,
				reason == NotificationSuppressed.Reason.QUIET_HOURS ? NOW.plusSeconds(3600) : null);
	}

	private static NotificationFailed failed(Milestone milestone, boolean willRetry) {
		return new NotificationFailed(UUID.randomUUID(), "ord_1", NOW, "n-1", "c-1", Channel.EMAIL, milestone, "550", 1,
				willRetry);
	}
}
