package dev.postpurchase.order.erasure;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Service;

import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.kit.outbox.OutboxEntry;
import dev.postpurchase.kit.outbox.OutboxRelay;
import dev.postpurchase.kit.web.Problems;
import reactor.core.publisher.Mono;

/**
 * GDPR erasure (Art. 17; Shopify's {@code customers/redact}): publishes CustomerErasureRequested on
 * {@code customer.erasure}, through the outbox, for every service that stores the customer's
 * personal data, order-service included.
 */
@Service
public class CustomerErasures {

	private static final Logger log = LoggerFactory.getLogger(CustomerErasures.class);

	private final ReactiveMongoTemplate mongo;

	private final OutboxRelay relay;

	private final Clock clock;

	CustomerErasures(ReactiveMongoTemplate mongo, OutboxRelay relay, Clock clock) {
		this.mongo = mongo;
		this.relay = relay;
		this.clock = clock;
	}

	/**
	 * Whether every character can be written to a log line or a report as it is: no control
	 * characters (a line break would forge a log line), no lone surrogates and no noncharacters
	 * such as U+FFFF (which XML, and so the test reports, cannot hold).
	 */
	static boolean printable(String id) {
		return id.codePoints()
			.noneMatch(point -> Character.isISOControl(point) || !Character.isDefined(point)
					|| Character.getType(point) == Character.SURROGATE);
	}

	/**
	 * Requests the erasure of a customer's personal data.
	 *
	 * @param requestedBy who asked: an operator's subject, or {@code shopify} for a redact webhook
	 * @return the request's id
	 */
	public Mono<String> request(String customerId, String requestedBy) {
		if (customerId == null || customerId.isBlank() || customerId.length() > 128 || !printable(customerId)) {
			return Mono.error(Problems.badRequest("customerId: required, at most 128 printable characters"));
		}
		var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		var event = new CustomerErasureRequested(UUID.randomUUID(), null, now, customerId, requestedBy);
		var request = new ErasureRequest("era_" + event.eventId().toString().replace("-", ""), customerId, requestedBy,
				now, List.of(OutboxEntry.of(event)));
		return mongo.insert(request).map(saved -> {
			log.info("Erasure {} requested for customer {} by {}", saved.id(), customerId, requestedBy);
			relay.wakeUp();
			return saved.id();
		});
	}

}
