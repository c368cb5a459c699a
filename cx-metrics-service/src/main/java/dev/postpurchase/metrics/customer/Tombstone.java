package dev.postpurchase.metrics.customer;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An erased customer, in {@code customer_tombstones}: the orders of the customer key are kept under
 * the alias, a random id that tells nothing of the customer.
 *
 * @param key the erased customer's key (see {@link CustomerFacts#customerKey})
 * @param alias {@code erased-<random uuid>}, chosen by the first erasure
 */
@Document(CustomerFacts.TOMBSTONES)
record Tombstone(@Id String key, String alias) {

}
