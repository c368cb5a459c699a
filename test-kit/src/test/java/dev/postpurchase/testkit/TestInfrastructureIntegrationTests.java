package dev.postpurchase.testkit;

import java.time.Duration;
import java.util.Map;

import com.mongodb.reactivestreams.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = "spring.mongodb.database=test-kit")
@EnableTestInfrastructure
class TestInfrastructureIntegrationTests {

	@Autowired
	Environment environment;

	@Autowired
	KafkaTemplate<String, String> kafkaTemplate;

	@Autowired
	ReactiveMongoTemplate mongoTemplate;

	@Test
	void pointsSpringAtTheSharedInfrastructure() {
		assertThat(this.environment.getProperty("spring.kafka.bootstrap-servers"))
			.isEqualTo(TestInfrastructure.kafkaBootstrapServers());
		assertThat(this.environment.getProperty("spring.mongodb.uri")).isEqualTo(TestInfrastructure.mongoUri());
	}

	@Test
	void springsKafkaTemplateWritesToTheSharedBroker() throws Exception {
		this.kafkaTemplate.send("kit.spring", "order-1", "from spring").get();

		var records = KafkaTopics.ofTestInfrastructure().read("kit.spring", 1, Duration.ofSeconds(30));

		assertThat(records).extracting(record -> record.value()).contains("from spring");
	}

	@Test
	void springsMongoTemplateWritesToTheSharedServer() {
		this.mongoTemplate.save(new Document(Map.of("_id", "order-1", "status", "PLACED")), "orders").block();

		// read back without Spring: the document is in the shared server, in the configured database
		try (var client = MongoClients.create(TestInfrastructure.mongoUri())) {
			var stored = Mono.from(client.getDatabase("test-kit").getCollection("orders").find(new Document("_id", "order-1")).first())
				.block();
			assertThat(stored).containsEntry("status", "PLACED");
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}
}
