package dev.postpurchase.kit.kafka;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import dev.postpurchase.contracts.CloudEventHeaders;
import dev.postpurchase.contracts.EventCatalog;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.MessageType;
import dev.postpurchase.kit.json.JsonErrors;
import tools.jackson.core.JacksonException;

/**
 * Reads a record into the catalog record named by its {@code ce_type} header, never by a class
 * name. On the inbound topics, where platforms may not set CloudEvents headers, the topic's
 * canonical type is assumed. Types this service does not know become {@link UnknownMessage};
 * anything unreadable throws, and {@code ErrorHandlingDeserializer} routes it to the dead-letter
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
		try {
			return EventJson.mapper().readValue(data, type.javaType());
		}
		catch (JacksonException ex) {
			// never Jackson's own message: it can quote input values (personal data)
			throw new SerializationException("Unreadable " + type.id() + " record on " + topic + ": "
					+ JsonErrors.describe(ex));
		}
	}

}
