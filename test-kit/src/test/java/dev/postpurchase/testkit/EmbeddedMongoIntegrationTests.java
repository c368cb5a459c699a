package dev.postpurchase.testkit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedMongoIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void storesAndReadsADocumentInMemory() {
		try (var mongo = EmbeddedMongo.inMemory(0)) {
			mongo.start();

			try (var client = MongoClients.create(mongo.connectionString())) {
				insert(client, new Document("_id", "order-1").append("status", "PLACED"));

				assertThat(find(client, "order-1")).containsEntry("status", "PLACED");
			}
		}
	}

	@Test
	void queriesNamingTheIdAndOtherFieldsMatchEveryField() {
		try (var mongo = EmbeddedMongo.inMemory(0)) {
			mongo.start();

			try (var client = MongoClients.create(mongo.connectionString())) {
				var orders = client.getDatabase("kit").getCollection("orders");
				insert(client, new Document("_id", "order-1").append("status", "PLACED").append("version", 1));
				insert(client, new Document("_id", "order-2").append("status", "SHIPPED").append("version", 1));
				insert(client, new Document("_id", "order-3").append("status", "PLACED").append("version", 2));

				// an optimistic-locking save: the id and the version both have to match
				var stale = Mono.from(orders.replaceOne(new Document("_id", "order-3").append("version", 1),
						new Document("status", "CANCELLED").append("version", 2))).block();
				var current = Mono.from(orders.replaceOne(new Document("_id", "order-1").append("version", 1),
						new Document("status", "CONFIRMED").append("version", 2))).block();
				var placed = Flux.from(orders.find(new Document("_id", new Document("$in", List.of("order-1", "order-2", "order-3")))
					.append("status", "PLACED"))).map(found -> found.getString("_id")).collectList().block();
				var notOrder1 = Flux.from(orders.find(new Document("_id", new Document("$ne", "order-1"))
					.append("version", 1))).map(found -> found.getString("_id")).collectList().block();

				assertThat(stale.getMatchedCount()).isZero();
				assertThat(current.getModifiedCount()).isOne();
				assertThat(find(client, "order-1")).containsEntry("status", "CONFIRMED");
				assertThat(find(client, "order-3")).containsEntry("status", "PLACED");
				assertThat(placed).containsExactly("order-3");
				assertThat(notOrder1).containsExactly("order-2");
			}
		}
	}

	@Test
	void queriesByAnIndexedFieldFindWhatItHoldsAfterEveryKindOfWrite() {
		try (var mongo = EmbeddedMongo.inMemory(0)) {
			mongo.start();

			try (var client = MongoClients.create(mongo.connectionString())) {
				var messages = client.getDatabase("kit").getCollection("messages");
				Mono.from(messages.insertOne(new Document("_id", "m-0").append("orderId", "o-1").append("status", "SENT")))
					.block();
				// documents written before the index and after it
				Mono.from(messages.createIndex(new Document("orderId", 1).append("createdAt", 1))).block();
				Mono.from(messages.insertOne(new Document("_id", "m-1").append("orderId", "o-1").append("status", "PENDING")))
					.block();
				Mono.from(messages.insertOne(new Document("_id", "m-2").append("orderId", "o-2").append("status", "PENDING")))
					.block();
				Mono.from(messages.insertOne(new Document("_id", "m-3").append("orderId", "o-1").append("status", "PENDING")))
					.block();
				Mono.from(messages.updateOne(new Document("_id", "m-3"), new Document("$set", new Document("orderId", "o-2"))))
					.block();
				Mono.from(messages.replaceOne(new Document("_id", "m-2"), new Document("orderId", "o-3").append("status", "SENT")))
					.block();
				Mono.from(messages.deleteOne(new Document("_id", "m-0"))).block();

				assertThat(ids(messages, new Document("orderId", "o-1"))).containsExactly("m-1");
				assertThat(ids(messages, new Document("orderId", "o-2").append("status", "PENDING"))).containsExactly("m-3");
				assertThat(ids(messages, new Document("orderId", "o-3").append("status", "PENDING"))).isEmpty();
				assertThat(ids(messages, new Document("orderId", "o-3"))).containsExactly("m-2");
				assertThat(ids(messages, new Document("orderId", new Document("$in", List.of("o-1", "o-3", "o-4")))))
					.containsExactlyInAnyOrder("m-1", "m-2");

				// equality matches an element of an array too: from now on the field is not looked up by
				Mono.from(messages.insertOne(new Document("_id", "m-4").append("orderId", List.of("o-1", "o-9")))).block();
				assertThat(ids(messages, new Document("orderId", "o-1"))).containsExactlyInAnyOrder("m-1", "m-4");
			}
		}
	}

	@Test
	void rangesOfAnIndexedDateFindTheDocumentsWithin() {
		try (var mongo = EmbeddedMongo.inMemory(0)) {
			mongo.start();

			try (var client = MongoClients.create(mongo.connectionString())) {
				var shipments = client.getDatabase("kit").getCollection("shipments");
				Mono.from(shipments.createIndex(new Document("nextCheckAt", 1), new IndexOptions().sparse(true))).block();
				var now = Instant.parse("2026-12-07T12:00:00Z");
				for (int i = 0; i < 5; i++) {
					Mono.from(shipments.insertOne(new Document("_id", "s-" + i).append("nextCheckAt", Date.from(now.plusSeconds(60 * (i - 2))))))
						.block();
				}
				Mono.from(shipments.insertOne(new Document("_id", "s-unscheduled"))).block();
				Mono.from(shipments.insertOne(new Document("_id", "s-text").append("nextCheckAt", "soon"))).block();
				// s-4 becomes due, s-0 is checked and scheduled later
				Mono.from(shipments.updateOne(new Document("_id", "s-4"),
						new Document("$set", new Document("nextCheckAt", Date.from(now.minusSeconds(600)))))).block();
				Mono.from(shipments.updateOne(new Document("_id", "s-0"),
						new Document("$set", new Document("nextCheckAt", Date.from(now.plusSeconds(600)))))).block();

				var due = Flux.from(shipments.find(new Document("nextCheckAt", new Document("$lte", Date.from(now))))
					.sort(new Document("nextCheckAt", 1))).map(found -> found.getString("_id")).collectList().block();
				var between = ids(shipments, new Document("nextCheckAt",
						new Document("$gt", Date.from(now.minusSeconds(90))).append("$lt", Date.from(now.plusSeconds(90)))));
				var none = ids(shipments, new Document("nextCheckAt",
						new Document("$gt", Date.from(now.plusSeconds(90))).append("$lt", Date.from(now.minusSeconds(90)))));

				assertThat(due).containsExactly("s-4", "s-1", "s-2");
				assertThat(between).containsExactlyInAnyOrder("s-1", "s-2", "s-3");
				assertThat(none).isEmpty();
			}
		}
	}

	@Test
	void documentsWithPendingOutboxEntriesAreFoundAfterEveryKindOfWrite() {
		try (var mongo = EmbeddedMongo.inMemory(0)) {
			mongo.start();

			try (var client = MongoClients.create(mongo.connectionString())) {
				var shipments = client.getDatabase("kit").getCollection("shipments");
				var pending = new Document("outbox.eventId", new Document("$exists", true));
				Mono.from(shipments.insertOne(new Document("_id", "s-0").append("outbox", List.of(entry("e-0"))))).block();
				// documents written before the outbox relay's index and after it
				Mono.from(shipments.createIndex(new Document("outbox.eventId", 1), new IndexOptions().sparse(true))).block();
				Mono.from(shipments.insertOne(new Document("_id", "s-1").append("outbox", List.of()))).block();
				Mono.from(shipments.insertOne(new Document("_id", "s-2").append("outbox", List.of(entry("e-2"))))).block();
				Mono.from(shipments.insertOne(new Document("_id", "s-3"))).block();
				Mono.from(shipments.insertOne(new Document("_id", "s-4").append("outbox", entry("e-4")))).block();
				Mono.from(shipments.insertOne(new Document("_id", "s-5").append("outbox", List.of(new Document("topic", "t")))))
					.block();
				assertThat(ids(shipments, pending)).containsExactlyInAnyOrder("s-0", "s-2", "s-4");

				// the relay removes what it published; writes push new entries, a save replaces the document
				Mono.from(shipments.updateOne(new Document("_id", "s-0"),
						new Document("$pull", new Document("outbox", new Document("eventId", "e-0")))))
					.block();
				Mono.from(shipments.updateOne(new Document("_id", "s-1"),
						new Document("$push", new Document("outbox", entry("e-1"))))).block();
				Mono.from(shipments.replaceOne(new Document("_id", "s-3"), new Document("outbox", List.of(entry("e-3")))))
					.block();
				Mono.from(shipments.deleteOne(new Document("_id", "s-2"))).block();

				assertThat(ids(shipments, pending)).containsExactlyInAnyOrder("s-1", "s-3", "s-4");
			}
		}
	}

	private static Document entry(String eventId) {
		return new Document("eventId", eventId).append("topic", "shipment.events");
	}

	private static List<String> ids(com.mongodb.reactivestreams.client.MongoCollection<Document> collection,
			Document query) {
		return Flux.from(collection.find(query)).map(found -> found.getString("_id")).collectList().block();
	}

	@Test
	void fileBackendKeepsDocumentsAcrossRestarts() {
		var file = this.dir.resolve("mongo/mongo.mv");
		var mongo = EmbeddedMongo.file(file, 0);
		mongo.start();
		try (var client = MongoClients.create(mongo.connectionString())) {
			insert(client, new Document("_id", "order-1").append("status", "SHIPPED"));
		}
		mongo.stop();

		var reopened = EmbeddedMongo.file(file, mongo.port());
		reopened.start();
		try (var client = MongoClients.create(reopened.connectionString())) {
			assertThat(find(client, "order-1")).containsEntry("status", "SHIPPED");
		}
		finally {
			reopened.stop();
		}
	}

	private static void insert(MongoClient client, Document document) {
		Mono.from(client.getDatabase("kit").getCollection("orders").insertOne(document)).block();
	}

	private static Document find(MongoClient client, String id) {
		return Mono.from(client.getDatabase("kit").getCollection("orders").find(new Document("_id", id)).first()).block();
	}
}
