package dev.postpurchase.pages.page;

import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import dev.postpurchase.pages.backend.BackendFailure;
import reactor.core.publisher.Mono;

/**
 * Errors as pages, in the customer's language, never as JSON and never with a backend's text:
 * a refused link (403), an unknown order or page (404), a backend that is down or slow (503), and
 * anything unexpected (500, with a reference that is also in the log). Runs before service-kit's
 * problem handling, which stays for what is not a page.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageErrors {

	private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

	private final Pages pages;

	PageErrors(Pages pages) {
		this.pages = pages;
	}

	@ExceptionHandler(BackendFailure.class)
	Mono<Rendering> backend(BackendFailure failure, ServerWebExchange exchange) {
		return switch (failure.outcome()) {
			case LINK_REFUSED -> linkRefused(exchange);
			case NOT_FOUND -> page(exchange, HttpStatus.NOT_FOUND, "errorNotFoundTitle", "errorNotFoundText");
			case CONFLICT, UNAVAILABLE -> page(exchange, HttpStatus.SERVICE_UNAVAILABLE, "errorUnavailableTitle",
					"errorUnavailableText");
		};
	}

	@ExceptionHandler(ErrorResponseException.class)
	Mono<Rendering> status(ErrorResponseException error, ServerWebExchange exchange) {
		var status = HttpStatus.resolve(error.getStatusCode().value());
		if (status == HttpStatus.NOT_FOUND) {
			return page(exchange, status, "errorNotFoundTitle", "errorNotFoundText");
		}
		return page(exchange, status == null || status.is5xxServerError() ? HttpStatus.INTERNAL_SERVER_ERROR : status,
				"errorTitle", "errorText");
	}

	@ExceptionHandler(Exception.class)
	Mono<Rendering> unexpected(Exception ex, ServerWebExchange exchange) {
		var reference = UUID.randomUUID().toString();
		log.error("Unexpected failure, reference {}, {} {}", reference, exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), ex);
		return locale(exchange).map(locale -> {
			var page = pages.page(locale, "errorTitle");
			return page.with("message", page.text("errorText"))
				.with("reference", page.text("errorReference", reference))
				.render("error", HttpStatus.INTERNAL_SERVER_ERROR);
		});
	}

	/** The page for a link that is expired, broken, or for another order or page: 403. */
	public Mono<Rendering> linkRefused(ServerWebExchange exchange) {
		return page(exchange, HttpStatus.FORBIDDEN, "errorLinkTitle", "errorLinkText");
	}

	/** The error page with {@code status}, titled and worded with the texts {@code titleKey} and {@code textKey}. */
	public Mono<Rendering> page(ServerWebExchange exchange, HttpStatus status, String titleKey, String textKey) {
		return locale(exchange).map(locale -> {
			var page = pages.page(locale, titleKey);
			return page.with("message", page.text(textKey)).render("error", status);
		});
	}

	/** The language the failed page was in: its {@code lang} parameter or form field, else the browser's. */
	private static Mono<Locale> locale(ServerWebExchange exchange) {
		var request = exchange.getRequest();
		var query = request.getQueryParams().getFirst("lang");
		var form = HttpMethod.POST.equals(request.getMethod())
				&& MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(request.getHeaders().getContentType());
		if (query != null || !form) {
			return Mono.just(Languages.choose(query, request));
		}
		return exchange.getFormData()
			.map(data -> Languages.choose(data.getFirst("lang"), request))
			.onErrorResume(unreadable -> Mono.just(Languages.choose(null, request)));
	}

}
