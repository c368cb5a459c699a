package dev.postpurchase.returns.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.postpurchase.returns.payment.StripeRefundsTests.failureOf;
import static dev.postpurchase.returns.payment.StripeRefundsTests.order;
import static dev.postpurchase.returns.payment.StripeRefundsTests.refund;
import static dev.postpurchase.returns.payment.StripeRefundsTests.stripeError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.web.reactive.function.client.WebClient;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.common.CompositeCustomizer;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerProperties;
import io.github.resilience4j.springboot.retry.autoconfigure.RetryProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The payment settings and the {@code payments} retry and circuit breaker exactly as
 * {@code returns-service.yml} configures them.
 */
class PaymentConfigurationTests {

	@RegisterExtension
	static WireMockExtension stripe = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static Binder configuration;

	@BeforeAll
	static void load() throws IOException {
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("returns-service",
				new ClassPathResource("returns-service.yml"));
		configuration = new Binder(ConfigurationPropertySources.from(sources));
	}

	@Test
	void refundsGoToStripeAndAreNotConfiguredWithoutAKey() {
		var settings = configuration.bindOrCreate("returns.payments", PaymentSettings.class);

		assertThat(settings.baseUrl()).isEqualTo("https://api.stripe.com");
		assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.configured()).isFalse();
	}

	@Test
	void theConfiguredRetryGetsOverAServerErrorWithTheSameKey() {
		stripe.stubFor(post(StripeRefunds.REFUNDS).inScenario("flaky")
			.whenScenarioStateIs(STARTED)
			.willReturn(stripeError(503, "api_error", null))
			.willSetStateTo("recovered"));
		stripe.stubFor(post(StripeRefunds.REFUNDS).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(refund("succeeded")));

		var receipt = configuredRefunds().refund(order(StripeRefundsTests.PAYMENT_INTENT)).block(Duration.ofSeconds(20));

		assertThat(receipt).isEqualTo(new RefundReceipt(StripeRefundsTests.REFUND_ID, "succeeded"));
		assertThat(stripe.findAll(postRequestedFor(urlEqualTo("/v1/refunds"))))
			.extracting(request -> request.getHeader("Idempotency-Key"))
			.containsExactly(StripeRefundsTests.KEY, StripeRefundsTests.KEY);
	}

	@Test
	void theConfiguredGuardsNeitherRetryNorCountARefusal() {
		stripe.stubFor(post(StripeRefunds.REFUNDS)
			.willReturn(stripeError(400, "invalid_request_error", PaymentException.CHARGE_ALREADY_REFUNDED)));
		var breakers = configuredBreakers();

		var failure = failureOf(refunds(breakers), order(StripeRefundsTests.PAYMENT_INTENT));

		assertThat(failure.code()).isEqualTo(PaymentException.CHARGE_ALREADY_REFUNDED);
		assertThat(failure.permanent()).isTrue();
		stripe.verify(1, postRequestedFor(urlEqualTo("/v1/refunds")));
		assertThat(breakers.circuitBreaker(StripeRefunds.INSTANCE).getMetrics().getNumberOfFailedCalls()).isZero();
	}

	private StripeRefunds configuredRefunds() {
		return refunds(configuredBreakers());
	}

	private StripeRefunds refunds(CircuitBreakerRegistry breakers) {
		var settings = new PaymentSettings(stripe.baseUrl(), StripeRefundsTests.SECRET_KEY, Duration.ofSeconds(5));
		return new StripeRefunds(settings, WebClient.builder(), breakers, configuredRetries(), new SimpleMeterRegistry());
	}

	private static CircuitBreakerRegistry configuredBreakers() {
		var properties = configuration.bind("resilience4j.circuitbreaker", Bindable.ofInstance(new CircuitBreakerProperties()))
			.get();
		var instance = properties.getInstances().get(StripeRefunds.INSTANCE);
		assertThat(instance).as("resilience4j.circuitbreaker.instances.payments").isNotNull();
		var registry = CircuitBreakerRegistry.ofDefaults();
		registry.circuitBreaker(StripeRefunds.INSTANCE, properties.createCircuitBreakerConfig(StripeRefunds.INSTANCE,
				instance, new CompositeCustomizer<>(List.of())));
		return registry;
	}

	private static RetryRegistry configuredRetries() {
		var properties = configuration.bind("resilience4j.retry", Bindable.ofInstance(new RetryProperties())).get();
		assertThat(properties.getInstances()).as("resilience4j.retry.instances").containsKey(StripeRefunds.INSTANCE);
		var registry = RetryRegistry.ofDefaults();
		registry.retry(StripeRefunds.INSTANCE,
				properties.createRetryConfig(StripeRefunds.INSTANCE, new CompositeCustomizer<>(List.of())));
		return registry;
	}

}
