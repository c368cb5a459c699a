package dev.postpurchase.kit.http;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.springframework.web.reactive.function.client.WebClientRequestException;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading what an outside provider (SMS, WhatsApp, payments) answered, for its client's error
 * mapping: the answer as JSON whatever came back, its codes as text, and a code for a request that
 * got no answer. Providers' messages often repeat personal data, so their clients keep codes only.
 */
public final class ProviderAnswers {

	private ProviderAnswers() {
	}

	/** The body as JSON; a missing node when it is empty or not JSON (an HTML error page of a proxy). */
	public static JsonNode json(String body) {
		if (body == null || body.isBlank()) {
			return JsonMapper.shared().missingNode();
		}
		try {
			return JsonMapper.shared().readTree(body);
		}
		catch (JacksonException ex) {
			return JsonMapper.shared().missingNode();
		}
	}

	/** A text field; {@code null} when absent or blank. */
	public static String text(JsonNode node) {
		return node.isString() && !node.asString().isBlank() ? node.asString() : null;
	}

	/** A code (number or text) as text; {@code null} when absent. */
	public static String code(JsonNode node) {
		if (node.isNumber()) {
			return String.valueOf(node.asLong());
		}
		return text(node);
	}

	/**
	 * The code of a request that got no answer (connection refused, unknown host, reset, or no answer
	 * within the timeout): the cause's class name, such as {@code ConnectException} or
	 * {@code TimeoutException}.
	 */
	public static String unansweredCode(Throwable failure) {
		var cause = failure instanceof WebClientRequestException && failure.getCause() != null ? failure.getCause()
				: failure;
		return cause instanceof ConnectException ? ConnectException.class.getSimpleName()
				: cause instanceof TimeoutException ? TimeoutException.class.getSimpleName()
						: cause.getClass().getSimpleName();
	}

}
