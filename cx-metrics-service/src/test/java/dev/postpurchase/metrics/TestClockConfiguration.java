package dev.postpurchase.metrics;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.postpurchase.testkit.MutableClock;

/** The service's clock in tests: real time at start, moved by the tests that need time to pass. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

	@Bean
	MutableClock clock() {
		return new MutableClock(Instant.now());
	}

}
