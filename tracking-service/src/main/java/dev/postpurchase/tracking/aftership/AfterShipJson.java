package dev.postpurchase.tracking.aftership;

import java.util.List;

import dev.postpurchase.kit.json.JsonErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads AfterShip's webhook payloads: snake_case names, and tolerant of the many properties (and the
 * new ones of each webhook version) tracking-service does not need.
 */
final class AfterShipJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private AfterShipJson() {
	}

	static AfterShipWebhook webhook(byte[] body) {
		AfterShipWebhook webhook;
		try {
			webhook = MAPPER.readValue(body == null ? new byte[0] : body, AfterShipWebhook.class);
		}
		catch (JacksonException ex) {
			throw new InvalidAfterShipPayloadException(List.of(JsonErrors.describe(ex)));
		}
		if (webhook == null) {
			throw new InvalidAfterShipPayloadException(List.of("body: a JSON object is required"));
		}
		return webhook;
	}

}
