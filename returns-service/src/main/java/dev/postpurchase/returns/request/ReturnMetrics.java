package dev.postpurchase.returns.request;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.postpurchase.returns.order.MinorUnits;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What returns look like, for dashboards: {@code returns_requested_total{reason, method}},
 * {@code returns_refunded_amount_total{currency, outcome}} (major units),
 * {@code returns_refund_failures_total{code}}, and the cycle times
 * {@code returns_cycle_seconds{from="request"|"receipt"}} (histograms) to the refund, credit or
 * exchange. Tags are bounded enums and codes: never an order or a customer.
 */
@Component
class ReturnMetrics {

	private final MeterRegistry meters;

	private final Timer fromRequest;

	private final Timer fromReceipt;

	private final Clock clock;

	ReturnMetrics(MeterRegistry meters, Clock clock) {
		this.meters = meters;
		this.clock = clock;
		this.fromRequest = cycle(meters, "request");
		this.fromReceipt = cycle(meters, "receipt");
	}

	private static Timer cycle(MeterRegistry meters, String from) {
		return Timer.builder("returns.cycle")
			.description("Time from a return's request, or its receipt, to its refund, credit or exchange")
			.tag("from", from)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMinutes(1))
			.maximumExpectedValue(Duration.ofDays(60))
			.register(meters);
	}

	void requested(CustomerReturn created) {
		Counter.builder("returns.requested")
			.description("Returns requested, by reason and return method")
			.tags("reason", lower(created.reason()), "method", lower(created.method()))
			.register(meters)
			.increment();
	}

	void refundFailed(String code) {
		Counter.builder("returns.refund.failures")
			.description("Refunds the payment provider refused or failed, by its error code")
			.tag("code", code.length() > 40 ? code.substring(0, 40) : code)
			.register(meters)
			.increment();
	}

	void closed(CustomerReturn closed) {
		var now = clock.instant();
		fromRequest.record(Duration.between(closed.createdAt(), now));
		if (closed.receivedAt() != null) {
			fromReceipt.record(Duration.between(closed.receivedAt(), now));
		}
		if (closed.refund() != null) {
			Counter.builder("returns.refunded.amount")
				.description("Money refunded or credited, in units of the currency label, by outcome")
				.tags("currency", closed.refund().currency(), "outcome", lower(closed.outcome()))
				.register(meters)
				.increment(MinorUnits.toMoney(closed.refund().amountMinor(), closed.refund().currency()).amount()
					.doubleValue());
		}
	}

	private static String lower(Enum<?> value) {
		return value == null ? "none" : value.name().toLowerCase(Locale.ROOT);
	}

}
