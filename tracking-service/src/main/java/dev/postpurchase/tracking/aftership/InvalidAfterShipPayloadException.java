package dev.postpurchase.tracking.aftership;

import java.util.List;

import dev.postpurchase.kit.web.InvalidInput;

/**
 * A verified webhook whose payload is not what AfterShip documents (malformed JSON, a tracking
 * without {@code slug}, a checkpoint without time): a 400 problem naming the AfterShip fields, never
 * their values.
 */
class InvalidAfterShipPayloadException extends InvalidInput {

	InvalidAfterShipPayloadException(List<String> problems) {
		super("Invalid AfterShip payload", problems);
	}

}
