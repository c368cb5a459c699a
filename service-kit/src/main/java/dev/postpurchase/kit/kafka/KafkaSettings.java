package dev.postpurchase.kit.kafka;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Kafka settings shared by every service.
 *
 * @param partitions partitions of every topic this service declares (and of its dead-letter topic):
 *     the upper bound of consumer instances per group
 * @param replicas replication factor of declared topics (3 on a production cluster)
 * @param maxRetries attempts after the first before a record goes to the dead-letter topic
 */
@ConfigurationProperties("postpurchase.kafka")
public record KafkaSettings(@DefaultValue("3") int partitions, @DefaultValue("1") short replicas,
		@DefaultValue("4") int maxRetries, @DefaultValue("200ms") Duration retryInitialInterval,
		@DefaultValue("2.0") double retryMultiplier, @DefaultValue("5s") Duration retryMaxInterval) {

	/**
	 * The {@code concurrency} of a busy listener: a consumer per partition of its topics, so that one
	 * instance reads them all in parallel (every record of an order still in order, on its partition).
	 * Quiet listeners keep one consumer for all partitions.
	 */
	public static final String CONSUMER_PER_PARTITION = "${postpurchase.kafka.partitions:3}";

}
