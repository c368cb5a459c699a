package dev.postpurchase.order.orders;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A canonical order that breaks the rules of {@link OrderValidation}: a 400 problem listing every
 * broken rule over HTTP, a dead letter on Kafka.
 */
public class InvalidOrderException extends ErrorResponseException {

	private final List<String> problems;

	public InvalidOrderException(List<String> problems) {
		super(HttpStatus.BAD_REQUEST, problemDetail(problems), null);
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return problems;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

	private static ProblemDetail problemDetail(List<String> problems) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Invalid order: " + String.join("; ", problems));
		problem.setTitle("Invalid order");
		problem.setProperty("errors", problems);
		return problem;
	}

}
