package dev.postpurchase.pages.backend;

import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import dev.postpurchase.kit.http.ProviderAnswers;
import dev.postpurchase.pages.backend.BackendFailure.Outcome;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * One backend's HTTP client with the pages' timeout, and the one mapping of its answers to what the
 * customer sees ({@link Outcome}). Logs name the backend, the status or failure type and the order (or
 * the page, for calls about no order), never a URL (it holds the token), a header (it may hold a
 * bearer token) nor a body.
 */
public final class BackendCalls {

	private static final Logger log = LoggerFactory.getLogger(BackendCalls.class);

	private static final Set<Integer> REFUSALS = Set.of(400, 409, 422);

	private final String name;

	private final WebClient client;

	private final Duration timeout;

	public BackendCalls(String name, String baseUrl, Duration timeout) {
		this.name = name;
		this.timeout = timeout;
		var http = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
			.responseTimeout(timeout);
		this.client = WebClient.builder()
			.baseUrl(baseUrl)
			.clientConnector(new ReactorClientHttpConnector(http))
			.filter(ForwardedFor.onBackendCalls())
			.build();
	}

	public WebClient client() {
		return client;
	}

	/**
	 * Sends {@code request}; a 2xx answer goes to {@code onSuccess}, anything else fails with a
	 * {@link BackendFailure}.
	 */
	public <T> Mono<T> send(WebClient.RequestHeadersSpec<?> request, String orderId,
			Function<ClientResponse, Mono<T>> onSuccess) {
		return send(request, orderId, onSuccess, null);
	}

	/**
	 * Like {@link #send(WebClient.RequestHeadersSpec, String, Function)}, but a refusal of what was
	 * sent (400, 409, 422: a problem detail naming the rules broken) goes to {@code onRefusal}, for the
	 * page to explain it in the customer's words, instead of failing.
	 */
	public <T> Mono<T> send(WebClient.RequestHeadersSpec<?> request, String orderId,
			Function<ClientResponse, Mono<T>> onSuccess, Function<ClientResponse, Mono<T>> onRefusal) {
		return exchange(request, "order " + orderId, onSuccess, onRefusal);
	}

	/**
	 * Like {@link #send(WebClient.RequestHeadersSpec, String, Function)} for a call about no order (a
	 * staff page): the logs name {@code page} instead.
	 */
	public <T> Mono<T> sendForPage(WebClient.RequestHeadersSpec<?> request, String page,
			Function<ClientResponse, Mono<T>> onSuccess) {
		return exchange(request, "page " + page, onSuccess, null);
	}

	private <T> Mono<T> exchange(WebClient.RequestHeadersSpec<?> request, String about,
			Function<ClientResponse, Mono<T>> onSuccess, Function<ClientResponse, Mono<T>> onRefusal) {
		return request.exchangeToMono(response -> {
			if (response.statusCode().is2xxSuccessful()) {
				return onSuccess.apply(response);
			}
			if (onRefusal != null && REFUSALS.contains(response.statusCode().value())) {
				log.debug("{} refused what was sent for {}: {}", name, about, response.statusCode().value());
				return onRefusal.apply(response);
			}
			return response.releaseBody().then(Mono.error(failure(response.statusCode(), about)));
		}).timeout(timeout).onErrorMap(failed -> !(failed instanceof BackendFailure), failed -> {
			log.warn("{} gave no usable answer for {}: {}", name, about, ProviderAnswers.unansweredCode(failed));
			return new BackendFailure(Outcome.UNAVAILABLE, name);
		});
	}

	private BackendFailure failure(HttpStatusCode status, String about) {
		var outcome = switch (status.value()) {
			case 401, 403 -> Outcome.LINK_REFUSED;
			case 404 -> Outcome.NOT_FOUND;
			case 409 -> Outcome.CONFLICT;
			default -> Outcome.UNAVAILABLE;
		};
		if (outcome == Outcome.UNAVAILABLE) {
			log.warn("{} answered {} for {}", name, status.value(), about);
		}
		else {
			log.debug("{} answered {} for {}", name, status.value(), about);
		}
		return new BackendFailure(outcome, name);
	}

}
