package dev.postpurchase.kit.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import dev.postpurchase.contracts.CloudEventHeaders;
import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.EventCatalog;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.MessageType;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.kit.json.JsonErrors;
import tools.jackson.core.JacksonException;

/**
 * Reads a record into the catalog record named by its {@code ce_type} header, never by a class
 * name. On the inbound topics, where platforms may not set CloudEvents headers, the topic's
 * canonical type is assumed. Types this service does not know become {@link UnknownMessage};
 * anything unreadable, and an event without its eventId, occurredAt or key, throws, and {@code ErrorHandlingDeserializer} routes it to the dead-letter
 * topic.
 */
public class CloudEventDeserializer implements Deserializer<Object> {

	@Override
	public Object deserialize(String topic, byte[] data) {
		return deserialize(topic, null, data);
	}

	@Override
	public Object deserialize(String topic, Headers headers, byte[] data) {
		if (data == null) {
			// a tombstone has no meaning on our topics
			throw new SerializationException("Record without a value on " + topic);
		}
		var typeId = CloudEvents.header(headers, CloudEventHeaders.TYPE);
		MessageType type;
		if (typeId.isPresent()) {
			var known = EventCatalog.byId(typeId.get());
			if (known.isEmpty()) {
				return new UnknownMessage(typeId.get());
			}
			type = known.get();
		}
		else {
			type = EventCatalog.inbound()
				.stream()
				.filter(inbound -> inbound.topic().equals(topic))
				.findFirst()
				.orElseThrow(() -> new SerializationException("Record without a ce_type header on " + topic));
		}
		Object value;
		try {
			value = EventJson.mapper().readValue(data, type.javaType());
		}
		catch (JacksonException ex) {
			// never Jackson's own message: it can quote input values (personal data)
			throw new SerializationException("Unreadable " + type.id() + " record on " + topic + ": "
					+ JsonErrors.describe(ex));
		}
		var missing = value instanceof Event event ? missing(event) : null;
		if (missing != null) {
			throw new SerializationException(type.id() + " record on " + topic + " without " + missing);
		}
		return value;
	}

	/**
	 * Whether {@code failure} is this deserializer's own: its message names the type, the topic and
	 * what is wrong, never an input value (personal data), so it may be logged and passed on.
	 */
	static boolean threw(Throwable failure) {
		return failure instanceof SerializationException && failure.getStackTrace().length > 0
				&& failure.getStackTrace()[0].getClassName().equals(CloudEventDeserializer.class.getName());
	}

	/**
	 * What every event must carry and one lacks (DESIGN: eventId, occurredAt, and the id it is keyed
	 * by, the order's or, for erasure, the customer's); {@code null} when it is whole. Without them a
	 * consumer could neither deduplicate it nor tell whose it is: no retry would help.
	 */
	private static String missing(Event event) {
		if (event.eventId() == null) {
			return "eventId";
		}
		if (event.occurredAt() == null) {
			return "occurredAt";
		}
		if (event.key() == null || event.key().isBlank()) {
			return event instanceof CustomerErasureRequested ? "customerId" : "orderId";
		}
		return null;
	}

}
