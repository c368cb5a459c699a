package dev.postpurchase.bench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a service's consumer groups of a topic have processed past given offsets: their committed
 * offsets (the services commit after processing) are beyond them. That is how the benchmark knows
 * cx-metrics-service has counted a step's deliveries, which it publishes nothing about.
 */
public final class ConsumerProgress implements AutoCloseable {

	private final Admin admin;

	private final String groupPrefix;

	private final String topic;

	private List<String> groups = List.of();

	/** @param groupPrefix the service's groups start with it, e.g. {@code cx-metrics-service.} */
	public ConsumerProgress(String bootstrapServers, String groupPrefix, String topic) {
		var settings = new Properties();
		settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		this.admin = Admin.create(settings);
		this.groupPrefix = groupPrefix;
		this.topic = topic;
	}

	/** Whether every group of the service that reads the topic committed past each partition's offset. */
	public boolean past(Map<Integer, Long> offsets) {
		if (offsets.isEmpty()) {
			return false;
		}
		try {
			if (this.groups.isEmpty()) {
				this.groups = groupsReadingTopic();
				if (this.groups.isEmpty()) {
					return false;
				}
			}
			for (var group : this.groups) {
				var committed = this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
					.get(10, TimeUnit.SECONDS);
				for (var entry : offsets.entrySet()) {
					var offset = committed.get(new TopicPartition(this.topic, entry.getKey()));
					if (offset == null || offset.offset() <= entry.getValue()) {
						return false;
					}
				}
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception ex) {
			return false;
		}
	}

	@SuppressWarnings("deprecation") // listConsumerGroups: the broker's consumer groups, as Kafka 4.1 still offers
	private List<String> groupsReadingTopic() throws Exception {
		var found = new ArrayList<String>();
		for (ConsumerGroupListing listing : this.admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
			if (!listing.groupId().startsWith(this.groupPrefix)) {
				continue;
			}
			var committed = this.admin.listConsumerGroupOffsets(listing.groupId()).partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			if (committed.keySet().stream().anyMatch(partition -> partition.topic().equals(this.topic))) {
				found.add(listing.groupId());
			}
		}
		return found;
	}

	@Override
	public void close() {
		this.admin.close();
	}
}
