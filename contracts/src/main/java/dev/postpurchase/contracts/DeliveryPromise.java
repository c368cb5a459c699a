package dev.postpurchase.contracts;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The delivery promise made to the customer at checkout: arrives by {@code by}, or within the
 * window {@code from}..{@code by} when {@code from} is set. Instants are UTC; the customer's time
 * zone is kept so that "by Tuesday" means Tuesday where the customer lives.
 */
public record DeliveryPromise(Instant from, Instant by, ZoneId timeZone) {

}
