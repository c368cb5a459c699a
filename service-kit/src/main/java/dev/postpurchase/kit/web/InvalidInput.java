package dev.postpurchase.kit.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Input that breaks several rules at once: a 400 problem with the given title, a detail listing
 * every broken rule, and the rules one by one in its {@code errors} property. Rules name fields,
 * never their values.
 */
public class InvalidInput extends ErrorResponseException {

	private final List<String> errors;

	public InvalidInput(String title, List<String> errors) {
		super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatus(HttpStatus.BAD_REQUEST), null);
		this.errors = List.copyOf(errors);
		getBody().setTitle(title);
		getBody().setDetail(title + ": " + String.join("; ", this.errors));
		getBody().setProperty("errors", this.errors);
	}

	/** The broken rules, in the order they were found. */
	public List<String> errors() {
		return errors;
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
