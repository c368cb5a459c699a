package dev.postpurchase.order.shopify;

import java.util.List;

import dev.postpurchase.kit.json.JsonErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Shopify's webhook payloads into order-service's own small records: snake_case names, and
 * tolerant of the many properties (and the new ones of each API version) it does not need.
 */
final class ShopifyJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private ShopifyJson() {
	}

	static ShopifyOrder order(byte[] body) {
		return read(body, ShopifyOrder.class);
	}

	static ShopifyFulfillment fulfillment(byte[] body) {
		return read(body, ShopifyFulfillment.class);
	}

	static ShopifyComplianceRequest complianceRequest(byte[] body) {
		return read(body, ShopifyComplianceRequest.class);
	}

	private static <T> T read(byte[] body, Class<T> type) {
		T value;
		try {
			value = MAPPER.readValue(body == null ? new byte[0] : body, type);
		}
		catch (JacksonException ex) {
			throw new InvalidShopifyPayloadException(List.of(JsonErrors.describe(ex)));
		}
		if (value == null) {
			throw new InvalidShopifyPayloadException(List.of("body: a JSON object is required"));
		}
		return value;
	}

}
