package dev.postpurchase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class ThreadDumpOnTimeoutTests {

	private final ThreadDumpOnTimeout handler = new ThreadDumpOnTimeout();

	@Test
	void aTimedOutTestCarriesTheStacksOfTheServingThreads() {
		var failure = new IllegalStateException("Timeout on blocking read", new TimeoutException());

		var thrown = catchThrowable(() -> handler.handleTestExecutionException(null, failure));

		assertThat(thrown).isSameAs(failure);
		assertThat(failure.getSuppressed()).singleElement()
			.satisfies(dump -> assertThat(dump.getMessage()).startsWith("Threads at the time out:")
				.contains("\"main\"").contains("ThreadDumpOnTimeoutTests"));
	}

	@Test
	void anyOtherFailureIsLeftAsItIs() {
		var failure = new AssertionError("expected 200 but was 500");

		assertThat(catchThrowable(() -> handler.handleTestExecutionException(null, failure))).isSameAs(failure);
		assertThat(failure.getSuppressed()).isEmpty();
	}

}
