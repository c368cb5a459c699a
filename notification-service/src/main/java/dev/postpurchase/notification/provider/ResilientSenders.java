package dev.postpurchase.notification.provider;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.notification.Channel;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

/**
 * Every provider call goes through here, guarded per provider by the Resilience4j instances named
 * after the channel ({@code email}, {@code sms}, {@code whatsapp}; configured under
 * {@code resilience4j.*.instances.<name>}), outermost first: a retry with exponential backoff and
 * jitter, a circuit breaker, a rate limiter (the provider's messages per second) and a bulkhead
 * (concurrent calls). Only transient failures are retried and count against the breaker: a
 * permanent refusal (an invalid number) says nothing about the provider's health. Each attempt is
 * timed in {@code notifications.provider.latency{channel, outcome}}.
 */
@Component
public class ResilientSenders {

	private static final Logger log = LoggerFactory.getLogger(ResilientSenders.class);

	private final Map<Channel, Guarded> channels = new EnumMap<>(Channel.class);

	public ResilientSenders(List<ChannelSender> senders, CircuitBreakerRegistry breakers, RetryRegistry retries,
			RateLimiterRegistry rateLimiters, BulkheadRegistry bulkheads, MeterRegistry meters) {
		for (var sender : senders) {
			var name = sender.channel().name().toLowerCase(Locale.ROOT);
			channels.put(sender.channel(), new Guarded(sender, breakers.circuitBreaker(name), retries.retry(name),
					rateLimiters.rateLimiter(name), bulkheads.bulkhead(name), latency(meters, name, "success"),
					latency(meters, name, "failure")));
			if (!sender.configured()) {
				log.warn("Channel {} has no provider credentials configured: its messages go by the next channel "
						+ "of their rule, or are not sent", sender.channel());
			}
		}
	}

	/** Whether the channel has a sender with credentials. */
	public boolean configured(Channel channel) {
		var guarded = channels.get(channel);
		return guarded != null && guarded.sender().configured();
	}

	/**
	 * Whether a message can be handed to the channel now: a sender exists and is configured, and its
	 * circuit breaker lets calls through.
	 */
	public boolean available(Channel channel) {
		var guarded = channels.get(channel);
		return guarded != null && guarded.sender().configured() && guarded.breaker().getState() != CircuitBreaker.State.OPEN
				&& guarded.breaker().getState() != CircuitBreaker.State.FORCED_OPEN;
	}

	/**
	 * Sends through the channel's guards; emits the provider's message id. Fails with a
	 * {@link ProviderException}: {@code CIRCUIT_OPEN} when the breaker refused the call.
	 */
	public Mono<String> send(Channel channel, Outgoing message) {
		var guarded = channels.get(channel);
		if (guarded == null || !guarded.sender().configured()) {
			return Mono.error(new ProviderException("NOT_CONFIGURED", false));
		}
		return Mono.defer(() -> {
			var started = System.nanoTime();
			return guarded.sender()
				.send(message)
				.doOnSuccess(id -> guarded.success().record(System.nanoTime() - started,
						TimeUnit.NANOSECONDS))
				.doOnError(ex -> guarded.failure().record(System.nanoTime() - started,
						TimeUnit.NANOSECONDS));
		})
			.transformDeferred(BulkheadOperator.of(guarded.bulkhead()))
			.transformDeferred(RateLimiterOperator.of(guarded.rateLimiter()))
			.transformDeferred(CircuitBreakerOperator.of(guarded.breaker()))
			.transformDeferred(RetryOperator.of(guarded.retry()))
			.onErrorMap(CallNotPermittedException.class, ex -> new ProviderException("CIRCUIT_OPEN", false, ex))
			.onErrorMap(ex -> !(ex instanceof ProviderException), ProviderException::transientFrom);
	}

	private static Timer latency(MeterRegistry meters, String channel, String outcome) {
		return Timer.builder("notifications.provider.latency")
			.description("Time of one call to a message provider")
			.tag("channel", channel)
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(meters);
	}

	private record Guarded(ChannelSender sender, CircuitBreaker breaker, Retry retry, RateLimiter rateLimiter,
			Bulkhead bulkhead, Timer success, Timer failure) {

	}

}
