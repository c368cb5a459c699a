package dev.postpurchase.bench.measure;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import dev.postpurchase.testkit.TestInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

class SeederIntegrationTests {

	@Test
	void copiesTheTemplateShipmentWithNewIdsUpToEachLevel() {
		try (var client = MongoClients.create(TestInfrastructure.mongoUri()); var seeder = new Seeder(TestInfrastructure.mongoUri())) {
			var shipments = client.getDatabase("tracking").getCollection("shipments");
			var nextCheck = Date.from(Instant.parse("2030-01-01T00:00:00Z"));
			shipments.insertOne(new Document("_id", "postnl:TEMPLATE1").append("orderId", "ord_template")
				.append("carrier", "postnl").append("trackingNumber", "TEMPLATE1").append("status", "IN_TRANSIT")
				.append("nextCheckAt", nextCheck).append("outbox", List.of(new Document("type", "x"))).append("version", 3L));
			var template = seeder.shipmentOf("ord_template");

			assertThat(seeder.seedUpTo(2_500, template, "t1")).isEqualTo(2_500);
			assertThat(seeder.seedUpTo(3_000, template, "t1")).isEqualTo(500);

			assertThat(shipments.countDocuments(Filters.regex("orderId", "^seed-t1-"))).isEqualTo(3_000);
			var copy = shipments.find(Filters.eq("orderId", "seed-t1-2999")).first();
			assertThat(copy.getString("_id")).isEqualTo("postnl:SEEDt1X2999");
			assertThat(copy.getString("trackingNumber")).isEqualTo("SEEDt1X2999");
			assertThat(copy.getString("status")).isEqualTo("IN_TRANSIT");
			assertThat(copy.getDate("nextCheckAt")).isEqualTo(nextCheck);
			assertThat(copy.getList("outbox", Document.class)).isEmpty();
		}
	}
}
