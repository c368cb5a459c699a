package dev.postpurchase.kit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.order.OrderLine;
import tools.jackson.core.JacksonException;

class JsonErrorsTests {

	@Test
	void namesTheFieldAndTheAcceptedValuesOfAnUnknownEnumValueWithoutTheValue() {
		var error = read("{\"status\": \"Teleported\"}", InboundTrackingUpdate.class);
		assertThat(JsonErrors.describe(error)).isEqualTo("Unknown value at 'status'; accepted values: [Pending, "
				+ "InfoReceived, InTransit, OutForDelivery, AttemptFail, AvailableForPickup, Exception, Expired, Delivered]");
	}

	@Test
	void namesTheFieldOfAWrongType() {
		var error = read("{\"quantity\": \"two\"}", OrderLine.class);
		assertThat(JsonErrors.describe(error)).isEqualTo("Invalid value at 'quantity'; expected an integer");
	}

	@Test
	void locatesMalformedJson() {
		var error = read("{\"sku\": ", OrderLine.class);
		assertThat(JsonErrors.describe(error)).startsWith("Malformed JSON at line 1");
	}

	private static JacksonException read(String json, Class<?> type) {
		return catchThrowableOfType(JacksonException.class, () -> EventJson.mapper().readValue(json, type));
	}

}
