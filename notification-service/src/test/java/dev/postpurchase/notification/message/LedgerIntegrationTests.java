package dev.postpurchase.notification.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.notification.Messages.Order;
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
			var orderId = Order.fresh().orderId();
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

	@Test
	void changesThatComeTogetherAreMadeOnlyWhereTheirConditionHoldsAndSayWhether() {
		var pending = new ArrayList<Notification>();
		var ended = new ArrayList<Notification>();
		for (int i = 0; i < 40; i++) {
			var orderId = Order.fresh().orderId();
			pending.add(entry(orderId, Milestone.SHIPPED, Status.PENDING));
			ended.add(entry(orderId, Milestone.DELIVERED, Status.SUPPRESSED));
		}
		Flux.fromIterable(pending).concatWith(Flux.fromIterable(ended)).concatMap(ledger::claim).blockLast();
		// every PENDING entry ended twice side by side (a retry and a redelivery, say), the others once
		var calls = new ArrayList<Notification>(pending);
		calls.addAll(pending);
		calls.addAll(ended);

		var made = Flux.fromIterable(calls)
			.flatMap(entry -> ledger.end(entry.id(), Status.FAILED, null, failed(entry)).map(changed -> Map.entry(entry.id(), changed)), 64)
			.collectList()
			.block();

		var changedById = made.stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
		assertThat(changedById).hasSize(40).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(pending.stream().map(Notification::id).toList());
		var statuses = Flux.fromIterable(calls).flatMap(entry -> ledger.ofOrder(entry.orderId()), 64)
			.collectMap(Notification::id, Notification::status)
			.block();
		pending.forEach(entry -> assertThat(statuses).containsEntry(entry.id(), Status.FAILED));
		ended.forEach(entry -> assertThat(statuses).containsEntry(entry.id(), Status.SUPPRESSED));
	}

	private NotificationFailed failed(Notification entry) {
		return new NotificationFailed(UUID.randomUUID(), entry.orderId(), clock.instant(), entry.notificationId(), null,
				entry.channel(), entry.milestone(), "TEST", 1, false);
	}

	private Notification entry(String orderId, Milestone milestone) {
		return entry(orderId, milestone, Status.SUPPRESSED);
	}

	private Notification entry(String orderId, Milestone milestone, Status status) {
		var now = clock.instant();
		return new Notification(Notification.idOf(orderId, milestone, Channel.EMAIL), UUID.randomUUID().toString(),
				orderId, null, milestone, Channel.EMAIL, status, null, null, null, null, 0, null,
				MessageDetails.NONE, List.of(), false, false, now, status == Status.PENDING ? now.plusSeconds(3600) : null,
				null, null, now,
				new ArrayList<>(List.of(UUID.randomUUID().toString())), new ArrayList<>());
	}

}
