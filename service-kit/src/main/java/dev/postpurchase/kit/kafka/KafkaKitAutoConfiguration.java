package dev.postpurchase.kit.kafka;

import java.util.HashMap;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

import dev.postpurchase.contracts.EventCatalog;
import dev.postpurchase.contracts.MessageType;
import dev.postpurchase.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one Kafka configuration of the platform: CloudEvents serde by type id, an idempotent producer
 * that waits for all replicas, manual offset commits after processing, bounded exponential retries
 * and then the dead-letter topic {@code <topic>.DLT}, and every topic of the catalog declared.
 */
@AutoConfiguration
@EnableConfigurationProperties(KafkaSettings.class)
public class KafkaKitAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(KafkaKitAutoConfiguration.class);

	@Bean
	DefaultKafkaProducerFactoryCustomizer cloudEventsProducer(@Value("${spring.application.name}") String source) {
		return factory -> {
			var configs = new HashMap<String, Object>();
			configs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
			configs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
			configs.put(CloudEventSerializer.SOURCE_CONFIG, source);
			configs.put(ProducerConfig.ACKS_CONFIG, "all");
			configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			configs.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
			factory.updateConfigs(configs);
		};
	}

	@Bean
	DefaultKafkaConsumerFactoryCustomizer cloudEventsConsumer(@Value("${spring.application.name}") String group) {
		return factory -> {
			var configs = new HashMap<String, Object>();
			configs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
			configs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
			configs.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, CloudEventDeserializer.class);
			configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			if (!factory.getConfigurationProperties().containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
				configs.put(ConsumerConfig.GROUP_ID_CONFIG, group);
			}
			if (!factory.getConfigurationProperties().containsKey(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)) {
				configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			}
			factory.updateConfigs(configs);
		};
	}

	@Bean
	DeadLetterMeters deadLetterMeters(MeterRegistry meters, KafkaListenerEndpointRegistry listeners) {
		return new DeadLetterMeters(meters, listeners);
	}

	@Bean
	CommonErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> template, KafkaSettings settings,
			DeadLetterMeters deadLetterMeters) {
		// <topic>.DLT, partitioned by key like the source topic, so one order's dead letters stay in order
		var deadLetters = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
		// exception messages and stack traces can carry personal data: only class names go along
		deadLetters.excludeHeader(HeadersToAdd.EX_MSG, HeadersToAdd.EX_STACKTRACE);
		ConsumerRecordRecoverer recoverer = (record, ex) -> {
			log.warn("Record {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
					Topics.deadLetter(record.topic()), describe(rootCause(ex)));
			deadLetterMeters.counter(record.topic()).increment();
			deadLetters.accept(record, withoutBatch(ex));
		};
		var backOff = new ExponentialBackOffWithMaxRetries(settings.maxRetries());
		backOff.setInitialInterval(settings.retryInitialInterval().toMillis());
		backOff.setMultiplier(settings.retryMultiplier());
		backOff.setMaxInterval(settings.retryMaxInterval().toMillis());
		var handler = new DefaultErrorHandler(recoverer, backOff);
		handler.addNotRetryableExceptions(PoisonMessageException.class);
		return handler;
	}

	@Bean
	KafkaAdmin.NewTopics catalogTopics(KafkaSettings settings) {
		var topics = Stream.concat(EventCatalog.events().stream(), EventCatalog.inbound().stream())
			.map(MessageType::topic)
			.distinct()
			.flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
			.map(topic -> TopicBuilder.name(topic).partitions(settings.partitions()).replicas(settings.replicas()).build())
			.toArray(org.apache.kafka.clients.admin.NewTopic[]::new);
		return new KafkaAdmin.NewTopics(topics);
	}

	/**
	 * Our own poison and deserialization messages are written free of personal data and worth showing;
	 * other exceptions are named by class only.
	 */
	private static String describe(Throwable cause) {
		var ours = cause instanceof PoisonMessageException || CloudEventDeserializer.threw(cause);
		return ours ? cause.getClass().getSimpleName() + ": " + cause.getMessage() : cause.getClass().getName();
	}

	/**
	 * The failure as a record listener's would be: a batch listener's names its record with a
	 * {@link BatchListenerFailedException}, whose cause is what the dead letter's
	 * {@code kafka_dlt-exception-cause-fqcn} header must name.
	 */
	static Exception withoutBatch(Exception ex) {
		var batch = ex instanceof BatchListenerFailedException named ? named
				: ex.getCause() instanceof BatchListenerFailedException wrapped ? wrapped : null;
		return batch == null || batch.getCause() == null ? ex
				: new ListenerExecutionFailedException(ex.getMessage(), batch.getCause());
	}

	private static Throwable rootCause(Throwable ex) {
		var cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
