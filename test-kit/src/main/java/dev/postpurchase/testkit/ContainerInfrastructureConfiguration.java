package dev.postpurchase.testkit;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Service connections to the JVM-wide containers, and the resource server pointed at the
 * development issuer (which runs in this JVM either way). {@code destroyMethod = ""}: a cached context
 * that closes must not stop containers that other contexts still use. Not a {@code @Configuration}:
 * only {@link EnableTestInfrastructure} imports it, component scanning must not.
 */
class ContainerInfrastructureConfiguration {

	@Bean(destroyMethod = "")
	@ServiceConnection
	KafkaContainer testInfrastructureKafka() {
		return TestInfrastructure.kafkaContainer();
	}

	@Bean(destroyMethod = "")
	@ServiceConnection
	MongoDBContainer testInfrastructureMongo() {
		return TestInfrastructure.mongoContainer();
	}

	@Bean
	DynamicPropertyRegistrar testInfrastructureIssuerProperties() {
		return TestInfrastructure::addIssuerProperties;
	}
}
