package dev.postpurchase.order.erasure.web;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import dev.postpurchase.order.erasure.CustomerErasures;
import reactor.core.publisher.Mono;

/** Operators request a customer's erasure (scope {@code admin}). */
@RestController
class ErasureController {

	private final CustomerErasures erasures;

	ErasureController(CustomerErasures erasures) {
		this.erasures = erasures;
	}

	/** 202: every service erases the customer's personal data as it consumes the request. */
	@PostMapping("/api/v1/admin/customers/{customerId}/erasure")
	Mono<ResponseEntity<Map<String, String>>> erase(@PathVariable String customerId,
			@AuthenticationPrincipal Jwt operator) {
		return erasures.request(customerId, operator.getSubject())
			.map(id -> ResponseEntity.accepted()
				// encoded: a customer id may hold characters a URI cannot (spaces, slashes, non-ASCII)
				.location(UriComponentsBuilder.fromPath("/api/v1/admin/customers/{customerId}/erasure")
					.encode()
					.buildAndExpand(customerId)
					.toUri())
				.body(Map.of("requestId", id, "customerId", customerId)));
	}

}
