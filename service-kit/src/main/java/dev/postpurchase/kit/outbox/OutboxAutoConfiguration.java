package dev.postpurchase.kit.outbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaOperations;

import io.micrometer.core.instrument.MeterRegistry;

/** The outbox relay of a service, for the collections named in {@link OutboxSettings}. */
@AutoConfiguration
@EnableConfigurationProperties(OutboxSettings.class)
public class OutboxAutoConfiguration {

	@Bean
	OutboxRelay outboxRelay(ReactiveMongoTemplate mongo, KafkaOperations<?, ?> kafka, OutboxSettings settings,
			@Value("${spring.application.name}") String source, MeterRegistry meters) {
		return new OutboxRelay(mongo, kafka, settings, source, meters);
	}

}
