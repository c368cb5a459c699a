package dev.postpurchase.order.orders;

import java.time.Instant;

import dev.postpurchase.contracts.order.SupportContactLogged.ContactChannel;
import dev.postpurchase.contracts.order.SupportContactLogged.ContactReason;

/** A customer contact a support agent logged against the order. */
public record Contact(String contactId, ContactChannel channel, ContactReason reason, boolean resolvedOnFirstContact,
		String agentId, Instant loggedAt) {

}
