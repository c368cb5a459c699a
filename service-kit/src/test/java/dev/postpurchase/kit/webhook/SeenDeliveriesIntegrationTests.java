package dev.postpurchase.kit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;

import dev.postpurchase.testkit.EmbeddedMongo;

/** The seen-delivery store on the embedded MongoDB (which, like the local stack's, ignores TTL indexes). */
class SeenDeliveriesIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Duration RETENTION = Duration.ofDays(7);

	private static EmbeddedMongo server;

	private static MongoClient client;

	private static ReactiveMongoTemplate mongo;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

	private final SeenDeliveries shopify = new SeenDeliveries(mongo, clock, "shopify", RETENTION, Duration.ofSeconds(30));

	private final SeenDeliveries aftership = new SeenDeliveries(mongo, clock, "aftership", Duration.ofDays(1),
			Duration.ofSeconds(30));

	@BeforeAll
	static void startMongo() {
		server = EmbeddedMongo.inMemory(0);
		server.start();
		client = MongoClients.create(server.connectionString());
		mongo = new ReactiveMongoTemplate(client, "kit-tests");
	}

	@AfterAll
	static void stopMongo() {
		client.close();
		server.stop();
	}

	@Test
	void aRememberedDeliveryIsSeenForItsSourceOnly() {
		var id = UUID.randomUUID().toString();
		assertThat(shopify.contains(id).block(TIMEOUT)).isFalse();

		shopify.remember(id, "orders/create").block(TIMEOUT);

		assertThat(shopify.contains(id).block(TIMEOUT)).isTrue();
		assertThat(shopify.contains(" " + id + " ").block(TIMEOUT)).isTrue();
		assertThat(aftership.contains(id).block(TIMEOUT)).isFalse();
		var stored = mongo.findById("shopify:" + id, Document.class, SeenDeliveries.COLLECTION).block(TIMEOUT);
		assertThat(stored.getString("source")).isEqualTo("shopify");
		assertThat(stored.getString("kind")).isEqualTo("orders/create");
		assertThat(stored.getDate("expiresAt").toInstant()).isEqualTo(clock.instant().plus(RETENTION));
	}

	@Test
	void rememberingTwiceIsFineAndBlankIdsAreNeverSeen() {
		var id = UUID.randomUUID().toString();
		shopify.remember(id, "orders/create").block(TIMEOUT);
		shopify.remember(id, "orders/create").block(TIMEOUT);

		assertThat(shopify.contains(id).block(TIMEOUT)).isTrue();
		shopify.remember("  ", "orders/create").block(TIMEOUT);
		assertThat(shopify.contains("  ").block(TIMEOUT)).isFalse();
		assertThat(shopify.contains(null).block(TIMEOUT)).isFalse();
	}

	@Test
	void veryLongIdsAreKeptByTheirDigest() {
		var id = "x".repeat(5000) + UUID.randomUUID();
		shopify.remember(id, "orders/create").block(TIMEOUT);

		assertThat(shopify.contains(id).block(TIMEOUT)).isTrue();
		assertThat(shopify.contains(id.substring(1)).block(TIMEOUT)).isFalse();
	}

	@Test
	void theSweepForgetsDeliveriesOnceTheirRetentionIsOver() {
		var old = UUID.randomUUID().toString();
		var recent = UUID.randomUUID().toString();
		var shortLived = UUID.randomUUID().toString();
		shopify.remember(old, "orders/create").block(TIMEOUT);
		aftership.remember(shortLived, "tracking_update").block(TIMEOUT);
		clock.advance(Duration.ofDays(6));
		shopify.remember(recent, "orders/create").block(TIMEOUT);

		clock.advance(Duration.ofDays(1).plusSeconds(1));
		assertThat(shopify.forgetExpired().block(TIMEOUT)).isGreaterThanOrEqualTo(2);

		assertThat(shopify.contains(old).block(TIMEOUT)).isFalse();
		assertThat(aftership.contains(shortLived).block(TIMEOUT)).isFalse();
		assertThat(shopify.contains(recent).block(TIMEOUT)).isTrue();
	}

	@Test
	void aDeliveryImportedFromAnOlderStoreKeepsItsTime() {
		var id = UUID.randomUUID().toString();
		shopify.remember(id, "orders/create", clock.instant().minus(Duration.ofDays(8))).block(TIMEOUT);

		shopify.forgetExpired().block(TIMEOUT);

		assertThat(shopify.contains(id).block(TIMEOUT)).isFalse();
	}

	@Test
	void theTtlIndexExpiresEachDeliveryAtItsOwnTime() {
		shopify.createIndexes().block(TIMEOUT);
		aftership.createIndexes().block(TIMEOUT);

		var indexes = mongo.indexOps(SeenDeliveries.COLLECTION).getIndexInfo().collectList().block(TIMEOUT);
		assertThat(indexes).anySatisfy(index -> {
			assertThat(index.getName()).isEqualTo("expires_ttl");
			assertThat(index.getExpireAfter()).contains(Duration.ZERO);
			assertThat(index.getIndexFields()).singleElement()
				.satisfies(field -> assertThat(field.getKey()).isEqualTo("expiresAt"));
		});
	}

	@Test
	void asABeanItSweepsByItself() {
		var id = UUID.randomUUID().toString();
		var sweeping = new SeenDeliveries(mongo, clock, "provider", Duration.ofMinutes(1), Duration.ofMillis(50));
		sweeping.remember(id, "callback").block(TIMEOUT);
		clock.advance(Duration.ofMinutes(2));

		sweeping.start();
		try {
			await().atMost(TIMEOUT).until(() -> !sweeping.contains(id).block(TIMEOUT));
		}
		finally {
			sweeping.stop();
		}
		assertThat(sweeping.isRunning()).isFalse();
	}

	private static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
