package dev.postpurchase.tracking.aftership;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.core.io.ClassPathResource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The payload fixtures of {@code src/test/resources/aftership/}, shaped like AfterShip's documented
 * tracking webhooks, with the tracking numbers, event ids and {@code ts} a test needs.
 */
final class AfterShipPayloads {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** A PostNL parcel from Utrecht to Amsterdam, delivered: five checkpoints, local times without offset. */
	static final String DELIVERED = "tracking-update-delivered.json";

	/** A DHL Express parcel from London to Amsterdam, held in customs (Exception_004). */
	static final String CUSTOMS_EXCEPTION = "tracking-update-exception-customs.json";

	private AfterShipPayloads() {
	}

	static ObjectNode fixture(String name) {
		try (var in = new ClassPathResource("aftership/" + name).getInputStream()) {
			return (ObjectNode) JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The fixture for another parcel, as a new event. */
	static ObjectNode webhook(String fixture, String trackingNumber) {
		return with(fixture(fixture), webhook -> {
			webhook.put("event_id", UUID.randomUUID().toString());
			var msg = (ObjectNode) webhook.get("msg");
			msg.put("tracking_number", trackingNumber);
			msg.put("title", trackingNumber);
		});
	}

	/**
	 * The webhook AfterShip sent when the delivered fixture's checkpoint {@code count} was the latest:
	 * the checkpoints up to it, the tracking's tag, subtag and update time from it, no delivery date
	 * before the delivery; as a new event.
	 */
	static ObjectNode asOf(String trackingNumber, int count) {
		return with(webhook(DELIVERED, trackingNumber), webhook -> {
			var msg = (ObjectNode) webhook.get("msg");
			var checkpoints = (ArrayNode) msg.get("checkpoints");
			while (checkpoints.size() > count) {
				checkpoints.remove(checkpoints.size() - 1);
			}
			var latest = checkpoints.get(count - 1);
			msg.set("tag", latest.get("tag"));
			msg.set("subtag", latest.get("subtag"));
			msg.set("subtag_message", latest.get("subtag_message"));
			msg.set("updated_at", latest.get("created_at"));
			msg.set("last_updated_at", latest.get("created_at"));
			if (!"Delivered".equals(latest.get("tag").asString())) {
				msg.putNull("shipment_delivery_date");
				msg.putNull("first_attempted_at");
				msg.put("active", true);
			}
		});
	}

	static ObjectNode with(ObjectNode payload, Consumer<ObjectNode> change) {
		var copy = payload.deepCopy();
		change.accept(copy);
		return copy;
	}

	static byte[] bytes(ObjectNode payload) {
		return JSON.writeValueAsBytes(payload);
	}

}
