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
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
	void pointsSpringsResourceServerAtTheDevelopmentIssuer() {
		var jwkSetUri = this.environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
		var issuerUri = this.environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri");
		assertThat(jwkSetUri).isEqualTo(TestInfrastructure.issuer().jwkSetUri());
		assertThat(issuerUri).isEqualTo(TestInfrastructure.issuer().issuer());
		assertThat(this.environment.getProperty("spring.security.oauth2.resourceserver.jwt.audiences", String[].class))
			.containsExactly("post-purchase-ops");

		// what a service configured from these properties makes of a test token
		var decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuerUri));
		var jwt = decoder.decode(TestTokens.of(DevRoles.AGENT)).block();
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("orders:read support");
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> decoder.decode(TestTokens.expired("orders:read")).block());
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(TestTokens.forged("orders:read")).block());
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
