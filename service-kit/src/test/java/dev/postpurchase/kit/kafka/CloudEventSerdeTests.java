package dev.postpurchase.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import dev.postpurchase.contracts.CloudEventHeaders;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.GoldenSamples;
import dev.postpurchase.contracts.Topics;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import tools.jackson.databind.node.ObjectNode;

class CloudEventSerdeTests {

	private final CloudEventSerializer serializer = new CloudEventSerializer();

	private final CloudEventDeserializer deserializer = new CloudEventDeserializer();

	CloudEventSerdeTests() {
		serializer.configure(Map.of(CloudEventSerializer.SOURCE_CONFIG, "tracking-service"), false);
	}

	@Test
	void writesCloudEventsBinaryModeHeadersAndReadsTheEventBackByTypeId() {
		var event = GoldenSamples.load(ShipmentStatusChanged.class);
		var headers = new RecordHeaders();

		var bytes = serializer.serialize(Topics.SHIPMENT_EVENTS, headers, event);

		assertThat(CloudEvents.header(headers, CloudEventHeaders.SPEC_VERSION)).contains("1.0");
		assertThat(CloudEvents.header(headers, CloudEventHeaders.ID)).contains(event.eventId().toString());
		assertThat(CloudEvents.header(headers, CloudEventHeaders.TYPE)).contains(ShipmentStatusChanged.TYPE);
		assertThat(CloudEvents.header(headers, CloudEventHeaders.SOURCE)).contains("tracking-service");
		assertThat(CloudEvents.header(headers, CloudEventHeaders.TIME)).contains(event.occurredAt().toString());
		assertThat(CloudEvents.header(headers, CloudEventHeaders.SUBJECT)).contains(event.orderId());
		assertThat(CloudEvents.header(headers, CloudEventHeaders.CONTENT_TYPE)).contains("application/json");
		assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("dev.postpurchase.contracts");

		assertThat(deserializer.deserialize(Topics.SHIPMENT_EVENTS, headers, bytes)).isEqualTo(event);
	}

	@Test
	void keepsTheHeadersARelayAlreadySet() {
		var event = GoldenSamples.load(ShipmentStatusChanged.class);
		var headers = new RecordHeaders();
		CloudEvents.addHeaders(headers, "original-id", ShipmentStatusChanged.TYPE, "2026-01-01T00:00:00Z", "o", "x");

		serializer.serialize(Topics.SHIPMENT_EVENTS, headers, event);

		assertThat(CloudEvents.header(headers, CloudEventHeaders.ID)).contains("original-id");
	}

	@Test
	void theErasureEventIsAboutTheCustomer() {
		var event = GoldenSamples.load(CustomerErasureRequested.class);
		var headers = new RecordHeaders();
		serializer.serialize(Topics.CUSTOMER_ERASURE, headers, event);
		assertThat(CloudEvents.header(headers, CloudEventHeaders.SUBJECT)).contains(event.customerId());
	}

	@Test
	void passesRawValuesThroughForDeadLetters() {
		var raw = new byte[] { 0x01, 0x02, (byte) 0xff };
		assertThat(serializer.serialize("x.DLT", new RecordHeaders(), raw)).isSameAs(raw);
	}

	@Test
	void inboundTopicsNeedNoTypeHeader() {
		var json = GoldenSamples.json(InboundOrder.class).getBytes(StandardCharsets.UTF_8);
		assertThat(deserializer.deserialize(Topics.ORDERS_INBOUND, new RecordHeaders(), json))
			.isEqualTo(GoldenSamples.load(InboundOrder.class));
	}

	@Test
	void unknownTypesAreSkippedNotFatal() {
		var headers = new RecordHeaders();
		headers.add(CloudEventHeaders.TYPE, "dev.postpurchase.shipment.teleported.v1".getBytes(StandardCharsets.UTF_8));
		assertThat(deserializer.deserialize(Topics.SHIPMENT_EVENTS, headers, "{}".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo(new UnknownMessage("dev.postpurchase.shipment.teleported.v1"));
	}

	@Test
	void unreadableRecordsFailWithoutQuotingTheirContent() {
		var headers = new RecordHeaders();
		headers.add(CloudEventHeaders.TYPE, ShipmentStatusChanged.TYPE.getBytes(StandardCharsets.UTF_8));
		var secret = "{\"orderId\": \"o-1\", \"status\": \"jane.doe@example.com\"}".getBytes(StandardCharsets.UTF_8);
		assertThatThrownBy(() -> deserializer.deserialize(Topics.SHIPMENT_EVENTS, headers, secret))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("status")
			.hasMessageNotContaining("jane.doe");
		assertThatThrownBy(() -> deserializer.deserialize(Topics.SHIPMENT_EVENTS, new RecordHeaders(), secret))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("without a ce_type");
	}

	@Test
	void anEventWithoutWhatEveryEventCarriesIsUnreadable() {
		var changed = GoldenSamples.json(ShipmentStatusChanged.class);
		var headers = new RecordHeaders();
		headers.add(CloudEventHeaders.TYPE, ShipmentStatusChanged.TYPE.getBytes(StandardCharsets.UTF_8));
		for (var field : List.of("eventId", "occurredAt", "orderId")) {
			var json = (ObjectNode) EventJson.mapper().readTree(changed);
			json.remove(field);
			assertThatThrownBy(() -> deserializer.deserialize(Topics.SHIPMENT_EVENTS, headers,
					json.toString().getBytes(StandardCharsets.UTF_8)))
				.isInstanceOf(SerializationException.class)
				.hasMessage(ShipmentStatusChanged.TYPE + " record on " + Topics.SHIPMENT_EVENTS + " without " + field);
		}
		var blank = (ObjectNode) EventJson.mapper().readTree(changed);
		blank.put("orderId", " ");
		assertThatThrownBy(() -> deserializer.deserialize(Topics.SHIPMENT_EVENTS, headers,
				blank.toString().getBytes(StandardCharsets.UTF_8)))
			.hasMessageEndingWith("without orderId");

		// erasure is keyed by its customer, and has no order
		var erasure = (ObjectNode) EventJson.mapper().readTree(GoldenSamples.json(CustomerErasureRequested.class));
		var erasureHeaders = new RecordHeaders();
		erasureHeaders.add(CloudEventHeaders.TYPE, CustomerErasureRequested.TYPE.getBytes(StandardCharsets.UTF_8));
		assertThat(deserializer.deserialize(Topics.CUSTOMER_ERASURE, erasureHeaders,
				erasure.toString().getBytes(StandardCharsets.UTF_8))).isInstanceOf(CustomerErasureRequested.class);
		erasure.remove("customerId");
		assertThatThrownBy(() -> deserializer.deserialize(Topics.CUSTOMER_ERASURE, erasureHeaders,
				erasure.toString().getBytes(StandardCharsets.UTF_8)))
			.hasMessageEndingWith("without customerId");
	}

}
