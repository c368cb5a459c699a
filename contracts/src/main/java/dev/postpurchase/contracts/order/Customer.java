package dev.postpurchase.contracts.order;

import java.time.ZoneId;

/**
 * The customer as known at checkout. Email, phone and name are personal data: they travel in
 * events because notifications need them, and never appear in logs or metric tags.
 *
 * @param locale BCP 47 language tag, for example {@code en-GB}
 * @param phone E.164, for example {@code +31612345678}
 */
public record Customer(String customerId, String email, String phone, String name, String locale,
		ZoneId timeZone, Consents consents) {

}
