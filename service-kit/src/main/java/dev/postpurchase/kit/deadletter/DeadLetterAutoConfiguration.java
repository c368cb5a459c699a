package dev.postpurchase.kit.deadletter;

import static dev.postpurchase.kit.security.EndpointAccess.scopes;

import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpMethod;

import dev.postpurchase.kit.security.AccessRules;
import dev.postpurchase.kit.security.Scopes;

/** Dead-letter replay, in every service, for operators. */
@AutoConfiguration
@Import(DeadLetterController.class)
public class DeadLetterAutoConfiguration {

	@Bean
	DeadLetterReplay deadLetterReplay(KafkaProperties kafka, ReactiveMongoTemplate mongo) {
		return new DeadLetterReplay(kafka.buildAdminProperties(), mongo);
	}

	@Bean
	AccessRules deadLetterAccess() {
		return () -> List.of(scopes(HttpMethod.POST, "/api/v1/admin/dead-letters/{topic}/replay", Scopes.ADMIN));
	}

}
