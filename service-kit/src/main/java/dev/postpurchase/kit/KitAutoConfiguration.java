package dev.postpurchase.kit;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.kit.web.ProblemHandling;

/**
 * What every service shares besides Kafka and the outbox: the clock all time comes from (tests and
 * the demo replace it), the problem-details error handling, and one JSON mapping for HTTP and Kafka
 * alike (the contract's).
 */
@AutoConfiguration
@Import(ProblemHandling.class)
public class KitAutoConfiguration {

	@Bean
	JsonMapperBuilderCustomizer contractJsonMapping() {
		return EventJson::configure;
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
