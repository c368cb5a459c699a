package dev.postpurchase.kit.outbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay.
 *
 * @param collections the MongoDB collections whose documents carry an {@code outbox} array
 * @param interval how often the relay looks for pending entries (writes also wake it at once)
 * @param batchSize documents taken per collection and pass
 * @param concurrency documents published in parallel (each document's entries stay in order)
 */
@ConfigurationProperties("postpurchase.outbox")
public record OutboxSettings(@DefaultValue List<String> collections, @DefaultValue("1s") Duration interval,
		@DefaultValue("200") int batchSize, @DefaultValue("16") int concurrency) {

}
