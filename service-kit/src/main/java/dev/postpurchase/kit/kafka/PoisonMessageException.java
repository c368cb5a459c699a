package dev.postpurchase.kit.kafka;

/**
 * A record that can be read but never processed (it breaks a rule of the contract). Not retried:
 * it goes straight to the dead-letter topic. The message must not contain personal data.
 */
public class PoisonMessageException extends RuntimeException {

	public PoisonMessageException(String message) {
		super(message);
	}

}
