package dev.postpurchase.returns.request;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import dev.postpurchase.kit.lease.Leases;
import dev.postpurchase.kit.schedule.PeriodicTask;
import reactor.core.publisher.Mono;

/**
 * Settles received returns whose settlement was interrupted, and tries again the refunds that failed for a passing reason (the provider down, a timeout), when
 * their backoff is over; the payment provider's idempotency key makes sure a refund that went
 * through after all is not made twice. Refunds refused for good wait for an agent. One instance runs
 * the pass at a time (lease {@code refund-retries}).
 */
@Component
class RefundTask extends PeriodicTask {

	private static final int BATCH = 50;

	private final Returns returns;

	private final ReturnDesk desk;

	RefundTask(Returns returns, ReturnDesk desk, RefundRetrySettings settings, Leases leases) {
		super(settings.interval(), "Refund retry pass failed", leases, "refund-retries");
		this.returns = returns;
		this.desk = desk;
	}

	@Override
	protected Mono<Long> runPass() {
		return returns.settlementsDue(BATCH)
			.concatMap(due -> desk.settle(due).onErrorResume(ex -> Mono.empty()))
			.concatWith(returns.refundsDue(BATCH)
				.concatMap(due -> desk.retryRefund(due.id()).onErrorResume(ex -> Mono.empty())))
			.count();
	}

	/** @param interval between two passes over failed refunds */
	@ConfigurationProperties("returns.refund-retry")
	record RefundRetrySettings(@DefaultValue("1m") Duration interval) {

	}

}
