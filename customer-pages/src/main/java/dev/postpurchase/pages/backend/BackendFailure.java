package dev.postpurchase.pages.backend;

/**
 * A backend call that did not give the page what it needs, as the customer will see it. Carries no
 * backend text (it may hold personal data or the token) and no stack trace.
 */
public final class BackendFailure extends RuntimeException {

	/** What the customer is shown. */
	public enum Outcome {

		/** 401/403: the link expired, was tampered with, or is for another order or page (403 page). */
		LINK_REFUSED,
		/** 404: the order is not known to that service (404 page). */
		NOT_FOUND,
		/** 409: already done, for example a survey already answered; each page decides what to show. */
		CONFLICT,
		/** 5xx, any other answer, no answer in time, no connection (503 page, "try again"). */
		UNAVAILABLE

	}

	private final Outcome outcome;

	public BackendFailure(Outcome outcome, String backend) {
		super(backend + ": " + outcome, null, false, false);
		this.outcome = outcome;
	}

	public Outcome outcome() {
		return outcome;
	}

}
