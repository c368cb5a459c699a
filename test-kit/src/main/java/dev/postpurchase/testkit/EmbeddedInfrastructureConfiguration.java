package dev.postpurchase.testkit;

import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points Spring at the embedded broker and MongoDB, and its resource server at the development
 * issuer; each started lazily, when one of its properties is first read.
 * Not a {@code @Configuration}: only {@link EnableTestInfrastructure} imports it, component scanning must not.
 */
class EmbeddedInfrastructureConfiguration {

	static final String KAFKA_BOOTSTRAP_SERVERS = "spring.kafka.bootstrap-servers";

	/** Spring Boot 4's property (spring-boot-mongodb's MongoProperties); spring.data.mongodb.uri is gone. */
	static final String MONGODB_URI = "spring.mongodb.uri";

	@Bean
	DynamicPropertyRegistrar testInfrastructureProperties() {
		return registry -> {
			registry.add(KAFKA_BOOTSTRAP_SERVERS, TestInfrastructure::kafkaBootstrapServers);
			registry.add(MONGODB_URI, TestInfrastructure::mongoUri);
			TestInfrastructure.addIssuerProperties(registry);
		};
	}
}
