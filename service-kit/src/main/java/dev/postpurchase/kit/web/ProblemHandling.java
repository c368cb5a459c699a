package dev.postpurchase.kit.web;

import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import dev.postpurchase.kit.json.JsonErrors;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * Every error as {@code application/problem+json}: bad input is a 4xx that names the problem and
 * where it is, never a 5xx or a stack trace. Unexpected failures get a 500 with a reference that is
 * also in the log, so an operator can find it.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		var tooLarge = find(ex, DataBufferLimitException.class);
		if (tooLarge != null) {
			return payloadTooLarge(tooLarge, exchange);
		}
		var json = find(ex, JacksonException.class);
		var detail = json != null ? JsonErrors.describe(json) : ex.getReason();
		return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), headers,
				HttpStatus.BAD_REQUEST, exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		var detail = ex.getFieldErrors()
			.stream()
			.map(ProblemHandling::describe)
			.sorted()
			.collect(Collectors.joining("; "));
		if (detail.isEmpty()) {
			detail = ex.getGlobalErrors().stream().map(error -> error.getDefaultMessage()).collect(Collectors.joining("; "));
		}
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request: " + detail);
		problem.setProperty("errors", ex.getFieldErrors().stream().map(ProblemHandling::describe).sorted().toList());
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, exchange);
	}

	@ExceptionHandler(ContentTooLargeException.class)
	Mono<ResponseEntity<Object>> contentTooLarge(ContentTooLargeException ex, ServerWebExchange exchange) {
		var limit = find(ex, DataBufferLimitException.class);
		return payloadTooLarge(limit != null ? limit : ex, exchange);
	}

	@ExceptionHandler(DataBufferLimitException.class)
	Mono<ResponseEntity<Object>> payloadTooLarge(Exception ex, ServerWebExchange exchange) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"Request body too large: " + ex.getMessage());
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, exchange);
	}

	@ExceptionHandler(Exception.class)
	Mono<ResponseEntity<Object>> unexpected(Exception ex, ServerWebExchange exchange) {
		var reference = UUID.randomUUID().toString();
		log.error("Unexpected failure, reference {}, {} {}", reference, exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), ex);
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Unexpected failure; reference " + reference);
		problem.setProperty("reference", reference);
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, exchange);
	}

	private static String describe(FieldError error) {
		// the rejected value is left out: it may be personal data
		return error.getField() + ": " + error.getDefaultMessage();
	}

	private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
		for (var cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
