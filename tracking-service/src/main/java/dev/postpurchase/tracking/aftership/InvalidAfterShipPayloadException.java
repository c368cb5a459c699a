package dev.postpurchase.tracking.aftership;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A verified webhook whose payload is not what AfterShip documents (malformed JSON, a tracking
 * without {@code slug}, a checkpoint without time): a 400 problem naming the AfterShip fields, never
 * their values.
 */
class InvalidAfterShipPayloadException extends ErrorResponseException {

	InvalidAfterShipPayloadException(List<String> problems) {
		super(HttpStatus.BAD_REQUEST, problemDetail(problems), null);
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

	private static ProblemDetail problemDetail(List<String> problems) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Invalid AfterShip payload: " + String.join("; ", problems));
		problem.setTitle("Invalid AfterShip payload");
		problem.setProperty("errors", List.copyOf(problems));
		return problem;
	}

}
