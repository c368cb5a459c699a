package dev.postpurchase.testkit;

import java.nio.file.Path;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
