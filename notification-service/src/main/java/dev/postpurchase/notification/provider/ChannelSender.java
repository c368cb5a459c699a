package dev.postpurchase.notification.provider;

import dev.postpurchase.contracts.notification.Channel;
import reactor.core.publisher.Mono;

/**
 * Hands a message to one channel's provider (SMTP server, Twilio, WhatsApp Cloud API). A sender
 * makes exactly one attempt: retries, the circuit breaker, rate limiting and the bulkhead wrap it
 * in {@link ResilientSenders}, and a message that still fails is stored for a later attempt.
 */
public interface ChannelSender {

	/** The channel this sender serves. */
	Channel channel();

	/**
	 * Sends; emits the provider's message id (SMTP Message-ID, Twilio {@code SM...} sid, WhatsApp
	 * {@code wamid...}). Fails with {@link ProviderException}: {@code permanent} when trying again
	 * cannot help (for example an invalid phone number), else transient (5xx, 429, timeouts,
	 * connection refused).
	 */
	Mono<String> send(Outgoing message);

	/** Whether the channel is configured (credentials present); an unconfigured channel is skipped. */
	default boolean configured() {
		return true;
	}

}
