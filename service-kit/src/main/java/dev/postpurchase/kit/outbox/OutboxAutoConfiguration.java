package dev.postpurchase.kit.outbox;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaOperations;

import dev.postpurchase.kit.lease.Leases;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The outbox relay of a service, for the collections named in {@link OutboxSettings}, and the leases
 * that let one instance at a time relay a collection or run a periodic pass.
 */
@AutoConfiguration
@EnableConfigurationProperties(OutboxSettings.class)
public class OutboxAutoConfiguration {

	@Bean
	Leases leases(ReactiveMongoTemplate mongo, Clock clock, MeterRegistry meters) {
		return new Leases(mongo, clock, meters);
	}

	@Bean
	OutboxRelay outboxRelay(ReactiveMongoTemplate mongo, KafkaOperations<?, ?> kafka, OutboxSettings settings,
			@Value("${spring.application.name}") String source, MeterRegistry meters, Leases leases) {
		return new OutboxRelay(mongo, kafka, settings, source, meters, leases);
	}

}
