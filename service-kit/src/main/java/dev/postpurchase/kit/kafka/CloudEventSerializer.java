package dev.postpurchase.kit.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import dev.postpurchase.contracts.CloudEventHeaders;
import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.EventCatalog;
import dev.postpurchase.contracts.EventJson;

/**
 * Writes catalog events as CloudEvents in Kafka binary mode: the JSON payload, and the attributes
 * as {@code ce_*} headers. Headers already on the record (an outbox relay replaying the original
 * attributes) are kept. Raw {@code byte[]} and {@code String} values pass through unchanged, so the
 * same template also publishes dead letters.
 */
public class CloudEventSerializer implements Serializer<Object> {

	/** Producer config key naming this service in {@code ce_source}. */
	public static final String SOURCE_CONFIG = "postpurchase.cloudevents.source";

	private String source = "unknown";

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		var configured = configs.get(SOURCE_CONFIG);
		if (configured != null) {
			this.source = configured.toString();
		}
	}

	@Override
	public byte[] serialize(String topic, Object data) {
		return serialize(topic, null, data);
	}

	@Override
	public byte[] serialize(String topic, Headers headers, Object data) {
		if (data == null) {
			return null;
		}
		if (data instanceof byte[] bytes) {
			return bytes;
		}
		if (data instanceof String text) {
			return text.getBytes(StandardCharsets.UTF_8);
		}
		if (headers != null && data instanceof Event event && headers.lastHeader(CloudEventHeaders.ID) == null) {
			CloudEvents.addHeaders(headers, event, source);
		}
		else if (headers != null && headers.lastHeader(CloudEventHeaders.TYPE) == null) {
			// inbound canonical messages (tests, demo traffic) are typed too, never by class name
			CloudEvents.set(headers, CloudEventHeaders.TYPE, EventCatalog.of(data.getClass()).id());
		}
		return EventJson.mapper().writeValueAsBytes(data);
	}

}
