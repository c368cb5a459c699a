package dev.postpurchase.notification.message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CoalescerTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	/** The bulk calls made, each with its requests; each answered when the test says so. */
	private final List<List<Integer>> calls = new CopyOnWriteArrayList<>();

	private final List<Sinks.One<List<String>>> answers = new CopyOnWriteArrayList<>();

	private final Coalescer<Integer, String> coalescer = new Coalescer<>(requests -> {
		calls.add(requests);
		var answer = Sinks.<List<String>>one();
		answers.add(answer);
		return answer.asMono();
	}, 3);

	@Test
	void theFirstGoesAloneAndThoseThatComeMeanwhileGoTogetherEachWithItsAnswer() {
		var first = coalescer.submit(1).toFuture();
		var later = new ArrayList<java.util.concurrent.CompletableFuture<String>>();
		for (int i = 2; i <= 6; i++) {
			later.add(coalescer.submit(i).toFuture());
		}
		assertThat(calls).containsExactly(List.of(1));

		answers.get(0).tryEmitValue(List.of("one"));
		// up to 3 at a time
		assertThat(calls).containsExactly(List.of(1), List.of(2, 3, 4));
		answers.get(1).tryEmitValue(List.of("two", "three", "four"));
		assertThat(calls).containsExactly(List.of(1), List.of(2, 3, 4), List.of(5, 6));
		answers.get(2).tryEmitValue(List.of("five", "six"));

		assertThat(first.join()).isEqualTo("one");
		assertThat(later).extracting(java.util.concurrent.CompletableFuture::join)
			.containsExactly("two", "three", "four", "five", "six");
		// idle again: the next one goes at once
		var next = coalescer.submit(7).toFuture();
		assertThat(calls).hasSize(4).last().isEqualTo(List.of(7));
		answers.get(3).tryEmitValue(List.of("seven"));
		assertThat(next.join()).isEqualTo("seven");
	}

	@Test
	void aFailedCallFailsItsRequestsOnlyAndTheNextOnesStillGo() {
		var first = coalescer.submit(1);
		var firstAnswer = first.toFuture();
		var second = coalescer.submit(2).toFuture();

		answers.get(0).tryEmitError(new IllegalStateException("MongoDB unreachable"));
		assertThatIllegalStateException().isThrownBy(() -> Mono.fromFuture(firstAnswer).block(WAIT))
			.withMessage("MongoDB unreachable");
		assertThat(calls).containsExactly(List.of(1), List.of(2));
		answers.get(1).tryEmitValue(List.of("two"));
		assertThat(second.join()).isEqualTo("two");
	}

	@Test
	void aCallWithoutAnswersLeavesEachOfItsRequestsWithoutOne() {
		var first = coalescer.submit(1).toFuture();

		answers.get(0).tryEmitEmpty();

		assertThat(first.join()).isNull();
		var next = coalescer.submit(2).toFuture();
		answers.get(1).tryEmitValue(List.of("two"));
		assertThat(next.join()).isEqualTo("two");
	}

}
