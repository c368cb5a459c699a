package dev.postpurchase.kit.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import dev.postpurchase.contracts.CloudEventHeaders;
import dev.postpurchase.contracts.Event;
import dev.postpurchase.contracts.EventCatalog;

/**
 * Reading and writing the CloudEvents binary-mode headers of a record.
 */
public final class CloudEvents {

	private CloudEvents() {
	}

	/** Adds the CloudEvents attributes of an event to a record's headers. */
	public static void addHeaders(Headers headers, Event event, String source) {
		addHeaders(headers, event.eventId().toString(), EventCatalog.of(event.getClass()).id(),
				event.occurredAt().toString(), event.key(), source);
	}

	/** Adds CloudEvents attributes to a record's headers; {@code subject} may be null. */
	public static void addHeaders(Headers headers, String id, String type, String time, String subject,
			String source) {
		set(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
		set(headers, CloudEventHeaders.ID, id);
		set(headers, CloudEventHeaders.SOURCE, source);
		set(headers, CloudEventHeaders.TYPE, type);
		set(headers, CloudEventHeaders.TIME, time);
		if (subject != null) {
			set(headers, CloudEventHeaders.SUBJECT, subject);
		}
		set(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
	}

	static void set(Headers headers, String name, String value) {
		headers.remove(name);
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	/** The value of a header as text, if the record has it. */
	public static Optional<String> header(Headers headers, String name) {
		Header header = headers == null ? null : headers.lastHeader(name);
		return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
	}

}
