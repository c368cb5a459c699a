package dev.postpurchase.bench.measure;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;

/**
 * Active shipments for the cost-growth steps, written straight into tracking-service's
 * {@code tracking.shipments} collection in bulk ({@code insertMany}, 1,000 at a time): copies of a
 * template, a real shipment the service itself registered and moved in transit (so the shape is the
 * service's own, including its {@code nextCheckAt}), with new ids, order ids and tracking numbers and
 * an empty outbox. Nothing is published about them: they are the quiet majority of parcels in transit
 * that the exception checker and every query must not slow down for.
 */
public final class Seeder implements AutoCloseable {

	private static final int BATCH = 1000;

	private final MongoClient client;

	private final MongoCollection<Document> shipments;

	private long seeded;

	public Seeder(String mongoUri) {
		this.client = MongoClients.create(mongoUri);
		this.shipments = this.client.getDatabase("tracking").getCollection("shipments");
	}

	/** The shipment document of an order, as tracking-service stored it. */
	public Document shipmentOf(String orderId) {
		var found = this.shipments.find(Filters.eq("orderId", orderId)).first();
		if (found == null) {
			throw new IllegalStateException("tracking-service has no shipment of the template order " + orderId);
		}
		return found;
	}

	/** Adds copies of the template until {@code total} were seeded in all; returns how many it added. */
	public long seedUpTo(long total, Document template, String tag) {
		var carrier = template.getString("carrier");
		long added = 0;
		while (this.seeded < total) {
			int count = (int) Math.min(BATCH, total - this.seeded);
			var documents = new ArrayList<Document>(count);
			for (int i = 0; i < count; i++) {
				long n = this.seeded + i;
				var copy = new Document(template);
				var trackingNumber = "SEED" + tag + "X" + n;
				copy.put("_id", carrier + ":" + trackingNumber);
				copy.put("trackingNumber", trackingNumber);
				copy.put("orderId", "seed-" + tag + "-" + n);
				copy.put("shipmentId", "shp_seed" + tag + "x" + n);
				copy.put("outbox", List.of());
				copy.put("version", 0L);
				documents.add(copy);
			}
			this.shipments.insertMany(documents, new InsertManyOptions().ordered(false));
			this.seeded += count;
			added += count;
		}
		return added;
	}

	public long seeded() {
		return this.seeded;
	}

	@Override
	public void close() {
		this.client.close();
	}
}
