package dev.postpurchase.notification.provider;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;

import dev.postpurchase.kit.http.ProviderAnswers;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * How the HTTP providers (Twilio, WhatsApp Cloud API) fail, in {@link ProviderException}s. A provider's
 * answer often repeats the recipient ("The 'To' number +31... is not a valid phone number"), so only
 * its error code is kept: never its message, never the response body.
 */
final class HttpFailures {

	private HttpFailures() {
	}

	/**
	 * The failure of an answer with a status other than 2xx. 5xx, 408 and 429 are transient (code
	 * {@code HTTP_<status>}); so are 401 and 403 (with the provider's code): credentials rotated at the
	 * provider and not yet here must open the breaker and keep the messages, not drop them; any other 4xx is permanent with the provider's code, or
	 * {@code HTTP_<status>} when the answer has none, unless {@code transientCode} says the provider
	 * means "try later" with it.
	 */
	static ProviderException rejected(HttpStatusCode status, String providerCode, boolean transientCode) {
		var httpCode = "HTTP_" + status.value();
		if (status.is5xxServerError() || status.value() == 408 || status.value() == 429) {
			return new ProviderException(httpCode, false);
		}
		if (status.value() == 401 || status.value() == 403) {
			return new ProviderException(providerCode != null ? providerCode : httpCode, false);
		}
		if (status.is4xxClientError()) {
			var code = providerCode != null ? providerCode : httpCode;
			return new ProviderException(code, !transientCode);
		}
		// 1xx or 3xx (redirects are not followed): a proxy or a wrong base URL, not the message
		return new ProviderException(httpCode, false);
	}

	/**
	 * A request that got no answer: connection refused, unknown host, reset, or no answer within the
	 * timeout. Transient, coded with the cause's class name ({@code ConnectException},
	 * {@code TimeoutException}, ...).
	 */
	static ProviderException unanswered(Throwable failure) {
		if (failure instanceof ProviderException known) {
			return known;
		}
		return new ProviderException(ProviderAnswers.unansweredCode(failure), false, failure);
	}

	/**
	 * A 2xx answer whose id cannot be read. Permanent: the provider took the message, so another
	 * attempt could send it twice.
	 */
	static ProviderException unreadable() {
		return new ProviderException("UNREADABLE_RESPONSE", true);
	}

	/**
	 * Sends a provider request and reads its answer: the message id at {@code idAt} of a 2xx answer,
	 * else the failure ({@link #rejected} with the error code at {@code codeAt}, transient when
	 * {@code tryLater} says so; {@link #unanswered} when no answer came within {@code timeout}).
	 */
	static Mono<String> exchange(Supplier<WebClient.RequestHeadersSpec<?>> request, String codeAt,
			Predicate<String> tryLater, String idAt, Duration timeout) {
		return Mono.defer(() -> request.get()
			.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("").<String>handle((body, sink) -> {
				var json = ProviderAnswers.json(body);
				if (!response.statusCode().is2xxSuccessful()) {
					var code = ProviderAnswers.code(json.at(codeAt));
					sink.error(rejected(response.statusCode(), code, code != null && tryLater.test(code)));
					return;
				}
				var id = ProviderAnswers.text(json.at(idAt));
				if (id == null) {
					sink.error(unreadable());
					return;
				}
				sink.next(id);
			}))).timeout(timeout).onErrorMap(HttpFailures::unanswered);
	}

}
