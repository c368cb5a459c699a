package dev.postpurchase.notification.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.notification.Messages;
import dev.postpurchase.notification.Messages.Order;
import dev.postpurchase.notification.NotificationServiceIntegrationTest;
import dev.postpurchase.notification.SmtpServer;
import dev.postpurchase.notification.message.Notification.Status;
import dev.postpurchase.notification.recipient.Recipients;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.MutableClock;

/**
 * Messages left PENDING by a failed send: the retry pass sends them once, and gives up on those that
 * waited past the expiry. The entries are written as a failed first attempt leaves them.
 */
@NotificationServiceIntegrationTest
class RetryIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Autowired
	RetryTask retries;

	@Autowired
	Notifications ledger;

	@Autowired
	Recipients recipients;

	@Autowired
	MutableClock clock;

	@Autowired
	ReactiveMongoTemplate mongo;

	private final Messages messages = new Messages();

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void aPendingMessageIsSentByTheRetryPassOnceAndAnExpiredOneFails() {
		var order = Order.fresh();
		// the recipient is known, with consent: its OrderPlaced sends the confirmation
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(order, "nl-NL", true));
		await().atMost(TIMEOUT).until(() -> SmtpServer.receivedFor(order.email()).size() == 1);

		var now = clock.instant();
		ledger.claim(pending(order, Milestone.SHIPPED, now.minus(Duration.ofMinutes(5)))).block();
		ledger.claim(pending(order, Milestone.DELIVERED, now.minus(Duration.ofHours(25)))).block();

		retries.runPass().block();
		retries.runPass().block();

		var sent = SmtpServer.receivedFor(order.email());
		assertThat(sent).hasSize(2);
		topics.read(Topics.NOTIFICATION_EVENTS, r -> order.orderId().equals(r.key())
				&& NotificationSent.TYPE.equals(KafkaTopics.header(r, "ce_type")) && r.value().contains("SHIPPED"), 1,
				TIMEOUT);
		var failed = topics.read(Topics.NOTIFICATION_EVENTS, r -> order.orderId().equals(r.key())
				&& NotificationFailed.TYPE.equals(KafkaTopics.header(r, "ce_type")), 1, TIMEOUT);
		assertThat(failed.get(0).value()).contains("\"milestone\":\"DELIVERED\"", "\"willRetry\":false",
				"\"errorCode\":\"MailSendException\"");
		var statuses = ledger.ofOrder(order.orderId()).collectMap(Notification::milestone, Notification::status).block();
		assertThat(statuses).containsEntry(Milestone.ORDER_CONFIRMED, Status.SENT)
			.containsEntry(Milestone.SHIPPED, Status.SENT)
			.containsEntry(Milestone.DELIVERED, Status.FAILED);
	}

	@Test
	void onePassTakesEveryDueMessageHoweverManyBatchesTheyMake() {
		// regression: a pass took one batch (100) and the next came an interval (30 s) later, so held
		// messages went out at 3 a second at most, however many shipments had news
		var now = clock.instant();
		var ids = new ArrayList<String>();
		for (int i = 0; i < 250; i++) {
			// orders whose contact data has not come yet: an attempt puts the message back for a retry
			var entry = pending(Order.fresh(), Milestone.SHIPPED, now);
			ledger.claim(entry).block();
			ids.add(entry.id());
		}

		retries.runPass().block();

		var attempted = mongo.find(Query.query(Criteria.where("_id").in(ids)), Notification.class, Notifications.COLLECTION)
			.collectList()
			.block();
		assertThat(attempted).hasSize(250).allSatisfy(entry -> {
			assertThat(entry.status()).isEqualTo(Status.PENDING);
			assertThat(entry.attempts()).isEqualTo(2);
			assertThat(entry.lastError()).isEqualTo(Notifier.NO_RECIPIENT_YET);
			assertThat(entry.nextAttemptAt()).isAfter(now);
		});
	}

	/** What a first attempt that failed at {@code createdAt} leaves: PENDING, due again now. */
	private Notification pending(Order order, Milestone milestone, Instant createdAt) {
		return new Notification(Notification.idOf(order.orderId(), milestone, Channel.EMAIL),
				UUID.randomUUID().toString(), order.orderId(), order.customerId(), milestone, Channel.EMAIL,
				Status.PENDING, null, null, null, null, 1, "MailSendException", MessageDetails.NONE, List.of(), false,
				true, createdAt, clock.instant(), null, null, createdAt,
				new ArrayList<>(List.of(UUID.randomUUID().toString())), new ArrayList<>());
	}

}
