package dev.postpurchase.tracking.shipment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A tracking update that breaks the contract: a 400 problem over HTTP, a dead letter on Kafka. */
public class InvalidTrackingUpdateException extends ErrorResponseException {

	public InvalidTrackingUpdateException(String problem) {
		super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Invalid tracking update: " + problem), null);
	}

	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

}
