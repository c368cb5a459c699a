package dev.postpurchase.order.shopify;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A verified webhook whose payload is not what Shopify documents (malformed JSON, a line item without
 * price): a 400 problem naming the Shopify fields, never their values.
 */
class InvalidShopifyPayloadException extends ErrorResponseException {

	InvalidShopifyPayloadException(List<String> problems) {
		super(HttpStatus.BAD_REQUEST, problemDetail(problems), null);
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

	private static ProblemDetail problemDetail(List<String> problems) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Invalid Shopify payload: " + String.join("; ", problems));
		problem.setTitle("Invalid Shopify payload");
		problem.setProperty("errors", List.copyOf(problems));
		return problem;
	}

}
