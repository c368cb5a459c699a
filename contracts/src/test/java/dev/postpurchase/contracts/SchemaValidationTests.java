package dev.postpurchase.contracts;

import java.util.List;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.feedback.SurveyAnswered;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.notification.NotificationFailed;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.OrderShipped;
import dev.postpurchase.contracts.returns.RefundFailed;
import dev.postpurchase.contracts.returns.RefundIssued;
import dev.postpurchase.contracts.returns.ReturnApproved;
import dev.postpurchase.contracts.returns.ReturnInTransit;
import dev.postpurchase.contracts.returns.ReturnLabelIssued;
import dev.postpurchase.contracts.shipment.ShipmentDelivered;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The golden samples satisfy their schemas, and the schemas reject what the contract forbids. */
class SchemaValidationTests {

	static Stream<Named<MessageType>> types() {
		return ContractFixtures.types();
	}

	@ParameterizedTest
	@MethodSource("types")
	void sampleIsValid(MessageType type) {
		List<Error> errors = ContractFixtures.validate(type, ContractFixtures.sampleTree(type));

		assertThat(errors).as("%s violates %s:%n%s", type.sampleResource(), type.schemaResource(),
				ContractFixtures.describe(errors))
			.isEmpty();
	}

	@ParameterizedTest
	@MethodSource("types")
	void propertiesAProducerAddsAreTolerated(MessageType type) {
		ObjectNode sample = (ObjectNode) ContractFixtures.sampleTree(type);
		sample.put("addedInALaterVersion", "anything");

		assertThat(ContractFixtures.validate(type, sample)).isEmpty();
	}

	@ParameterizedTest
	@MethodSource("types")
	void schemaIsValidJsonSchema202012(MessageType type) {
		List<Error> errors = ContractFixtures.metaSchema().validate(ContractFixtures.schemaTree(type));

		assertThat(errors).as("%s:%n%s", type.schemaResource(), ContractFixtures.describe(errors)).isEmpty();
	}

	@Test
	void sharedDefinitionsAreValidJsonSchema202012() {
		JsonNode common = ContractFixtures.tree(ContractFixtures.text(ContractFixtures.COMMON_SCHEMA));
		List<Error> errors = ContractFixtures.metaSchema().validate(common);

		assertThat(errors).as("%s:%n%s", ContractFixtures.COMMON_SCHEMA, ContractFixtures.describe(errors)).isEmpty();
		assertThat(common.path("$id").asString()).isEqualTo(ContractFixtures.SCHEMA_BASE + "common.json");
	}

	static Stream<Arguments> violations() {
		return Stream.of(
				violation(OrderPlaced.class, "/lines/0/quantity", -1, "minimum"),
				violation(OrderPlaced.class, "/lines/0/quantity", 0, "minimum"),
				violation(OrderPlaced.class, "/lines", JsonNodeFactory.instance.arrayNode(), "minItems"),
				violation(OrderPlaced.class, "/total/currency", "euro", "pattern"),
				violation(OrderPlaced.class, "/total/amount", -0.01, "minimum"),
				violation(OrderPlaced.class, "/total/amount", "239.80", "type"),
				violation(OrderPlaced.class, "/eventId", null, "required"),
				violation(OrderPlaced.class, "/eventId", "evt-42", "format"),
				violation(OrderPlaced.class, "/orderId", null, "required"),
				violation(OrderPlaced.class, "/occurredAt", "11-05-2026 20:42", "format"),
				violation(OrderPlaced.class, "/customer/phone", "06 12345678", "pattern"),
				violation(OrderPlaced.class, "/customer/email", "sanne.devries", "format"),
				// Jackson 3 rejects an absent primitive, so the schema must require it.
				violation(OrderPlaced.class, "/customer/consents/sms", null, "required"),
				violation(OrderPlaced.class, "/shippingAddress/country", "NLD", "pattern"),
				violation(OrderPlaced.class, "/promise/timeZone", "+02:00", "pattern"),
				violation(OrderPlaced.class, "/salesChannel", "web", "enum"),
				violation(OrderPlaced.class, "/payment/provider", "Stripe", "pattern"),
				violation(OrderPlaced.class, "/payment/reference", null, "required"),
				violation(OrderPlaced.class, "/replacementFor", replacementFor("ret_6H4K9N2QSD"), "required"),
				violation(OrderShipped.class, "/carrier", "PostNL", "pattern"),
				violation(ShipmentStatusChanged.class, "/status", "Teleported", "enum"),
				// The wire name is Jackson's (@JsonProperty), not the Java constant.
				violation(ShipmentStatusChanged.class, "/status", "IN_TRANSIT", "enum"),
				violation(ShipmentStatusChanged.class, "/checkpoint/reason", null, "required"),
				violation(ShipmentStatusChanged.class, "/direction", "RETURN", "required"),
				violation(ShipmentDelivered.class, "/promiseState", "ON_TRACK", "enum"),
				// FAILED_DELIVERY was split into FAILED_ATTEMPT, PICKUP_EXPIRING and CARRIER_EXCEPTION.
				violation(DeliveryExceptionRaised.class, "/kind", "FAILED_DELIVERY", "enum"),
				violation(DeliveryExceptionRaised.class, "/severity", "CRITICAL", "enum"),
				violation(DeliveryExceptionRaised.class, "/severity", null, "required"),
				violation(DeliveryExceptionRaised.class, "/promiseState", null, "required"),
				violation(DeliveryExceptionResolved.class, "/resolution", "AUTO_RESOLVED", "enum"),
				violation(DeliveryExceptionResolved.class, "/openSeconds", -1, "minimum"),
				violation(DeliveryExceptionResolved.class, "/openSeconds", 107004.5, "type"),
				violation(DeliveryExceptionResolved.class, "/openSeconds", null, "required"),
				violation(RefundIssued.class, "/amount/currency", "eur", "pattern"),
				violation(RefundIssued.class, "/outcome", "EXCHANGE", "enum"),
				violation(ReturnApproved.class, "/label", null, "required"),
				// tracking-service registers the return parcel by carrier and tracking number.
				violation(ReturnLabelIssued.class, "/trackingNumber", null, "required"),
				violation(ReturnLabelIssued.class, "/carrier", "DHL", "pattern"),
				violation(ReturnInTransit.class, "/trackingNumber", null, "required"),
				violation(RefundFailed.class, "/errorCode", null, "required"),
				violation(RefundFailed.class, "/attempts", 0, "minimum"),
				violation(RefundFailed.class, "/willRetry", null, "required"),
				violation(RefundFailed.class, "/amount/amount", "129.95", "type"),
				violation(NotificationFailed.class, "/attempts", 0, "minimum"),
				violation(SurveyAnswered.class, "/score", 11, "maximum"),
				violation(SurveyAnswered.class, "/score", -1, "minimum"),
				csat(7),
				violation(CustomerErasureRequested.class, "/orderId", "ord_8K2F5QW1XR", "not"),
				violation(InboundOrder.class, "/lines/0/finalSale", null, "required"),
				violation(InboundOrder.class, "/customer/customerId", null, "required"),
				violation(InboundOrder.class, "/payment/provider", null, "required"),
				violation(InboundTrackingUpdate.class, "/status", "Teleported", "enum"),
				violation(InboundTrackingUpdate.class, "/checkpointTime", "13-05-2026 07:40", "pattern"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("violations")
	void schemaRejects(String change, MessageType type, JsonNode invalid, String keyword) {
		List<Error> errors = ContractFixtures.validate(type, invalid);

		assertThat(errors).as("%s should be invalid", change).isNotEmpty();
		assertThat(errors).as("%s should fail on '%s' but failed with:%n%s", change, keyword,
				ContractFixtures.describe(errors))
			.extracting(Error::getKeyword)
			.contains(keyword);
	}

	/** The golden sample of a type with the value at a JSON pointer replaced, or removed when null. */
	private static Arguments violation(Class<?> type, String pointer, Object value, String keyword) {
		MessageType messageType = EventCatalog.of(type);
		JsonNode sample = ContractFixtures.sampleTree(messageType);
		set(sample, pointer, value);
		String change = type.getSimpleName() + " " + pointer + (value == null ? " removed" : " = " + value);
		return Arguments.of(change, messageType, sample, keyword);
	}

	/** A replacementFor that names the return but not the original order. */
	private static JsonNode replacementFor(String returnId) {
		return JsonNodeFactory.instance.objectNode().put("returnId", returnId);
	}

	/** A CSAT answer is on a 1-5 scale, although 7 is a fine NPS score. */
	private static Arguments csat(int score) {
		MessageType type = EventCatalog.of(SurveyAnswered.class);
		JsonNode sample = ContractFixtures.sampleTree(type);
		set(sample, "/surveyType", "CSAT");
		set(sample, "/score", score);
		return Arguments.of("SurveyAnswered CSAT with score " + score, type, sample, "maximum");
	}

	private static void set(JsonNode root, String pointer, Object value) {
		int slash = pointer.lastIndexOf('/');
		JsonNode parent = root.at(pointer.substring(0, slash));
		String name = pointer.substring(slash + 1);
		JsonNode node = (value == null || value instanceof JsonNode) ? (JsonNode) value
				: EventJson.mapper().valueToTree(value);
		if (parent instanceof ObjectNode object) {
			if (node == null) {
				assertThat(object.remove(name)).as("nothing to remove at %s", pointer).isNotNull();
			}
			else {
				object.set(name, node);
			}
		}
		else if (parent instanceof ArrayNode array) {
			array.set(Integer.parseInt(name), node);
		}
		else {
			throw new IllegalArgumentException("No object or array at the parent of " + pointer);
		}
	}

}
