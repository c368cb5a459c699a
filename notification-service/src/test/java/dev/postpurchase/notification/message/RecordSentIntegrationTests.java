package dev.postpurchase.notification.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.contracts.notification.NotificationSent;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.notification.Messages;
import dev.postpurchase.notification.Messages.Order;
import dev.postpurchase.notification.NotificationServiceIntegrationTest;
import dev.postpurchase.notification.SmtpServer;
import dev.postpurchase.notification.message.Notification.Status;
import dev.postpurchase.testkit.KafkaTopics;
import dev.postpurchase.testkit.MutableClock;
import reactor.core.publisher.Mono;

/**
 * MongoDB gone just after the provider took a message: recording it as sent is tried until MongoDB is
 * back, and meanwhile the retry pass does not send it again, even once its lease has run out. (The
 * ledger's write of SENT fails while {@link #mongoDown}; its other writes and reads work, as they did
 * before the outage.) This test has a context of its own, for the spy on the ledger.
 */
@NotificationServiceIntegrationTest
class RecordSentIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final AtomicBoolean mongoDown = new AtomicBoolean();

	@MockitoSpyBean
	Notifications ledger;

	@Autowired
	RetryTask retries;

	@Autowired
	MutableClock clock;

	@Autowired
	NotificationSettings settings;

	private final Messages messages = new Messages();

	private final KafkaTopics topics = KafkaTopics.ofTestInfrastructure();

	@Test
	void aMessageTheProviderTookIsRecordedOnceMongoDbIsBackAndNotSentAgain() {
		doAnswer(call -> Mono.defer(() -> {
			if (mongoDown.get()) {
				return Mono.error(new DataAccessResourceFailureException("Timed out waiting for a server"));
			}
			try {
				return (Mono<?>) call.callRealMethod();
			}
			catch (Throwable ex) {
				return Mono.error(ex);
			}
		})).when(ledger).sent(any(), any(), any(), any(), any());
		mongoDown.set(true);
		try {
			var order = Order.fresh();
			messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(order, "nl-NL", true));
			await().atMost(TIMEOUT).until(() -> SmtpServer.receivedFor(order.email()).size() == 1);

			// the entry's lease runs out while MongoDB is still away: the retry pass must not take it
			clock.advance(settings.retry().lease().plusMinutes(1));
			retries.runPass().block(TIMEOUT);
			retries.runPass().block(TIMEOUT);
			assertThat(SmtpServer.receivedFor(order.email())).hasSize(1);
			assertThat(ledger.ofOrder(order.orderId()).map(Notification::status).collectList().block(TIMEOUT))
				.containsExactly(Status.PENDING);

			mongoDown.set(false);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ledger.ofOrder(order.orderId())
				.filter(entry -> entry.milestone() == Milestone.ORDER_CONFIRMED)
				.map(Notification::status)
				.collectList()
				.block(TIMEOUT)).containsExactly(Status.SENT));
			clock.advance(settings.retry().lease().plusMinutes(1));
			retries.runPass().block(TIMEOUT);

			assertThat(SmtpServer.receivedFor(order.email())).hasSize(1);
			var sent = topics.read(Topics.NOTIFICATION_EVENTS, r -> order.orderId().equals(r.key())
					&& NotificationSent.TYPE.equals(KafkaTopics.header(r, "ce_type")), 1, TIMEOUT);
			assertThat(sent).hasSize(1);
		}
		finally {
			mongoDown.set(false);
		}
	}

}
