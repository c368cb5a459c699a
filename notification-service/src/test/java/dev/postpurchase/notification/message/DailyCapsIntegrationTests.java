package dev.postpurchase.notification.message;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.postpurchase.notification.Messages.Order;
import dev.postpurchase.notification.NotificationServiceIntegrationTest;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily cap counts the takes that come together with one command: still no more messages of an
 * order and day than the cap, each message counted once however often it is attempted, and one
 * order's counter never another's.
 */
@NotificationServiceIntegrationTest
class DailyCapsIntegrationTests {

	private static final LocalDate DAY = LocalDate.of(2026, 12, 8);

	@Autowired
	DailyCaps caps;

	@Test
	void takesThatComeTogetherLetThroughNoMoreThanTheCapAndCountEachMessageOnce() {
		var busy = Order.fresh().orderId();
		var quiet = Order.fresh().orderId();
		var takes = new ArrayList<Map.Entry<String, String>>();
		for (int i = 0; i < 8; i++) {
			// every message attempted twice side by side (a retry after a crash, say)
			takes.add(Map.entry(busy, "msg-" + i));
			takes.add(Map.entry(busy, "msg-" + i));
		}
		takes.add(Map.entry(quiet, "msg-a"));
		takes.add(Map.entry(quiet, "msg-b"));

		var answers = Flux.fromIterable(takes)
			.flatMap(take -> caps.take(take.getKey(), DAY, 5, take.getValue())
				.map(counted -> Map.entry(take.getKey() + " " + take.getValue(), counted)), 32)
			.collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toSet())))
			.block();

		// each message got one answer, whichever of its attempts asked
		assertThat(answers).hasSize(10).allSatisfy((message, counted) -> assertThat(counted).hasSize(1));
		var let = answers.entrySet().stream().filter(answer -> answer.getValue().contains(true)).map(Map.Entry::getKey).toList();
		assertThat(let.stream().filter(message -> message.startsWith(busy))).hasSize(5);
		assertThat(let).contains(quiet + " msg-a", quiet + " msg-b");
	}

}
