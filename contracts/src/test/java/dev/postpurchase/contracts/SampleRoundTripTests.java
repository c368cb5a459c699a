package dev.postpurchase.contracts;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import dev.postpurchase.contracts.exception.DeliveryExceptionRaised;
import dev.postpurchase.contracts.exception.DeliveryExceptionResolved;
import dev.postpurchase.contracts.exception.Severity;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.contracts.order.Payment;
import dev.postpurchase.contracts.shipment.PromiseState;
import dev.postpurchase.contracts.shipment.ShipmentStatusChanged;
import dev.postpurchase.contracts.shipment.TrackingStatus;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Each golden sample reads into its record and writes back to the same JSON: the samples are what
 * producers really write, and the records lose nothing a producer sends.
 */
class SampleRoundTripTests {

	static Stream<Named<MessageType>> types() {
		return ContractFixtures.types();
	}

	@ParameterizedTest
	@MethodSource("types")
	void sampleRoundTrips(MessageType type) {
		String original = ContractFixtures.text(type.sampleResource());

		Object record = EventJson.mapper().readValue(original, type.javaType());
		String written = EventJson.mapper().writeValueAsString(record);

		List<String> differences = ContractFixtures.diff(ContractFixtures.tree(original),
				ContractFixtures.tree(written));
		assertThat(differences).as("%s changes in a round trip through %s:%n  %s%nwritten: %s",
				type.sampleResource(), type.javaType().getSimpleName(), String.join("\n  ", differences), written)
			.isEmpty();
	}

	@ParameterizedTest
	@MethodSource("types")
	void goldenSamplesServesTheSample(MessageType type) {
		assertThat(GoldenSamples.json(type.javaType())).isEqualTo(ContractFixtures.text(type.sampleResource()));
		assertThat(GoldenSamples.load(type.javaType())).isInstanceOf(type.javaType());
	}

	@Test
	void goldenSamplesReadsExactValues() {
		OrderPlaced placed = GoldenSamples.load(OrderPlaced.class);

		assertThat(placed.orderId()).isEqualTo("ord_8K2F5QW1XR");
		assertThat(placed.payment()).isEqualTo(new Payment("stripe", "pi_3PqK8L2eZvKYlo2C0x7Dc1aB"));
		assertThat(placed.replacementFor()).isNull();
		assertThat(placed.total().amount()).isEqualByComparingTo(new BigDecimal("239.80"));
		assertThat(placed.lines()).extracting(line -> line.unitPrice().amount())
			.containsExactly(new BigDecimal("129.95"), new BigDecimal("79.95"), new BigDecimal("14.95"));
		assertThat(GoldenSamples.load(ShipmentStatusChanged.class).status()).isEqualTo(TrackingStatus.EXCEPTION);
		DeliveryExceptionRaised raised = GoldenSamples.load(DeliveryExceptionRaised.class);
		assertThat(raised.severity()).isEqualTo(Severity.MEDIUM);
		assertThat(raised.promiseState()).isEqualTo(PromiseState.LATE);
		assertThat(GoldenSamples.load(DeliveryExceptionResolved.class).openSeconds()).isEqualTo(107_004L);
	}

	/**
	 * Producers built before payment and replacementFor existed leave them out: their messages are
	 * still valid, read with both absent, and are what the constructor with the old parameter list
	 * makes.
	 */
	@Test
	void anOrderWithoutPaymentIsWhatTheOldConstructorMakes() {
		MessageType placedType = EventCatalog.of(OrderPlaced.class);
		ObjectNode placedJson = (ObjectNode) ContractFixtures.sampleTree(placedType);
		placedJson.remove("payment");
		OrderPlaced placed = EventJson.mapper().treeToValue(placedJson, OrderPlaced.class);
		MessageType inboundType = EventCatalog.of(InboundOrder.class);
		ObjectNode inboundJson = (ObjectNode) ContractFixtures.sampleTree(inboundType);
		inboundJson.remove("payment");
		InboundOrder inbound = EventJson.mapper().treeToValue(inboundJson, InboundOrder.class);

		assertThat(ContractFixtures.validate(placedType, placedJson)).isEmpty();
		assertThat(ContractFixtures.validate(inboundType, inboundJson)).isEmpty();
		assertThat(placed).isEqualTo(new OrderPlaced(placed.eventId(), placed.orderId(), placed.occurredAt(),
				placed.source(), placed.externalOrderId(), placed.salesChannel(), placed.customer(), placed.lines(),
				placed.total(), placed.shippingAddress(), placed.promise(), placed.placedAt()));
		assertThat(inbound).isEqualTo(new InboundOrder(inbound.source(), inbound.externalOrderId(),
				inbound.salesChannel(), inbound.customer(), inbound.lines(), inbound.shippingAddress(),
				inbound.promise(), inbound.placedAt()));
		assertThat(placed.payment()).isNull();
		assertThat(inbound.payment()).isNull();
	}

	@Test
	void goldenSamplesRefusesAClassOutsideTheCatalog() {
		assertThatIllegalArgumentException().isThrownBy(() -> GoldenSamples.json(String.class));
	}

	@Test
	void diffComparesNumbersByValueAndNamesThePath() {
		JsonNode expected = ContractFixtures.tree("{\"a\":{\"amount\":49.90},\"b\":[1,2]}");

		assertThat(ContractFixtures.diff(expected, ContractFixtures.tree("{\"a\":{\"amount\":49.9},\"b\":[1,2]}")))
			.isEmpty();
		assertThat(ContractFixtures.diff(expected, ContractFixtures.tree("{\"a\":{\"amount\":49.95},\"c\":true}")))
			.containsExactly("/a/amount: expected 49.90 but was 49.95", "/b: missing, expected [1,2]",
					"/c: unexpected true");
	}

}
