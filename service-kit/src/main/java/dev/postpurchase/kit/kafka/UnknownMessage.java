package dev.postpurchase.kit.kafka;

/**
 * A record of a type this service does not know (a newer producer added it). Listeners skip it:
 * tolerating new types keeps producers free to evolve without poisoning older consumers.
 */
public record UnknownMessage(String type) {

}
