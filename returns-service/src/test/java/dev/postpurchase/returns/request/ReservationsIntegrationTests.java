package dev.postpurchase.returns.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.returns.ReturnsServiceIntegrationTest;
import dev.postpurchase.returns.order.OrderFacts;
import dev.postpurchase.returns.policy.RequestedLine;
import reactor.core.publisher.Flux;

/** Requests of one order racing each other never reserve more than was bought. */
@ReturnsServiceIntegrationTest
class ReservationsIntegrationTests {

	@Autowired
	Reservations reservations;

	@Test
	void concurrentRequestsReserveAtMostWhatWasBoughtAndARejectionGivesItBack() {
		var order = order();
		var oneCoat = List.of(new RequestedLine("COAT.1$", 1));

		var granted = Flux.range(0, 8)
			.flatMap(attempt -> reservations.reserve(order, oneCoat), 8)
			.filter(Boolean::booleanValue)
			.count()
			.block();
		assertThat(granted).isEqualTo(2);
		assertThat(reservations.reserve(order, oneCoat).block()).isFalse();

		reservations.release(order.orderId(), List.of(new CustomerReturn.Line("COAT.1$", "coat", 1, 100, "EUR", null)))
			.block();
		assertThat(reservations.reserve(order, oneCoat).block()).isTrue();
		assertThat(reservations.reserve(order, oneCoat).block()).isFalse();
		// another sku of the same order is counted on its own
		assertThat(reservations.reserve(order, List.of(new RequestedLine("HAT", 1))).block()).isTrue();
	}

	/** An order of two coats (a sku with a dot and a dollar) and one hat. */
	private static OrderFacts order() {
		var orderId = "ord_" + UUID.randomUUID().toString().substring(0, 8);
		return new OrderFacts(orderId, "cus_1", SalesChannel.WEB, "EUR",
				List.of(new OrderFacts.Line("COAT.1$", "coat", 2, 100, null, false),
						new OrderFacts.Line("HAT", "hat", 1, 50, null, false)),
				0, null, null, Instant.now(), Instant.now(), false, null, null);
	}

}
