package dev.postpurchase.notification.message;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.notification.NotificationServiceIntegrationTest;
import dev.postpurchase.notification.message.Notification.Status;
import dev.postpurchase.testkit.MutableClock;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger's claims and reads, which go to MongoDB together when they come together (one command
 * for many): each message is still claimed exactly once, and each read finds its own entries.
 */
@NotificationServiceIntegrationTest
class LedgerIntegrationTests {

	@Autowired
	Notifications ledger;

	@Autowired
	MutableClock clock;

	@Test
	void claimsThatComeTogetherClaimEachMessageOnceAndReadsFindTheirOwn() {
		var orders = new ArrayList<String>();
		var claims = new ArrayList<Notification>();
		for (int i = 0; i < 60; i++) {
			var orderId = "ord_LEDGER" + UUID.randomUUID().toString().substring(0, 8);
			orders.add(orderId);
			// every message claimed twice, by two events, side by side
			claims.add(entry(orderId, Milestone.SHIPPED));
			claims.add(entry(orderId, Milestone.SHIPPED));
			claims.add(entry(orderId, Milestone.DELIVERED));
		}

		var claimed = Flux.fromIterable(claims).flatMap(claim -> ledger.claim(claim).map(won -> won ? claim.id() : ""), 64)
			.filter(id -> !id.isEmpty())
			.collectList()
			.block();

		assertThat(claimed).hasSize(120).doesNotHaveDuplicates();
		var found = Flux.fromIterable(orders)
			.flatMap(orderId -> ledger.ofOrder(orderId, List.of(Milestone.SHIPPED, Milestone.DELIVERED))
				.map(entry -> orderId + " " + entry.orderId() + " " + entry.milestone()), 64)
			.collectList()
			.block();
		assertThat(found).hasSize(120)
			.allSatisfy(line -> assertThat(line.split(" ")[0]).isEqualTo(line.split(" ")[1]))
			.doesNotHaveDuplicates();
	}

	private Notification entry(String orderId, Milestone milestone) {
		var now = clock.instant();
		return new Notification(Notification.idOf(orderId, milestone, Channel.EMAIL), UUID.randomUUID().toString(),
				orderId, null, milestone, Channel.EMAIL, Status.SUPPRESSED, null, null, null, null, 0, null,
				MessageDetails.NONE, List.of(), false, false, now, null, null, null, now,
				new ArrayList<>(List.of(UUID.randomUUID().toString())), new ArrayList<>());
	}

}
