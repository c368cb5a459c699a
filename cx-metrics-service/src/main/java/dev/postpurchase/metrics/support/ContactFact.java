package dev.postpurchase.metrics.support;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the support KPIs know of one customer contact, in {@code contact_facts}, from SupportContactLogged.
 * Nothing personal: no customer or agent id.
 *
 * @param at when the contact was logged (earliest)
 * @param reason what the customer asked about ({@code WISMO}, {@code DELIVERY_ISSUE}, …)
 */
@Document(SupportFacts.CONTACTS)
record ContactFact(@Id String contactId, String orderId, Instant at, String reason, boolean resolvedOnFirstContact) {

}
