package dev.postpurchase.order.erasure;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.postpurchase.kit.outbox.OutboxEntry;

/**
 * A customer's erasure request, kept as the record that it was made (no personal data: the customer
 * id is a pseudonym) and as the outbox of the CustomerErasureRequested event every service acts on.
 */
@Document("erasure_requests")
record ErasureRequest(@Id String id, String customerId, String requestedBy, Instant requestedAt,
		List<OutboxEntry> outbox) {

}
