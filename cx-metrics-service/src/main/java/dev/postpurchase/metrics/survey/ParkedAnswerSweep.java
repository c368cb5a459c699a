package dev.postpurchase.metrics.survey;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.postpurchase.kit.lease.Leases;
import dev.postpurchase.kit.schedule.PeriodicTask;
import reactor.core.publisher.Mono;

/**
 * Every {@code metrics.surveys.sweep-interval}: deletes the survey answers parked longer than
 * {@code metrics.surveys.keep-parked-for} (their order never became known here; each is logged with
 * its order id and counted in {@code surveys.parked.expired}), then completes the parked answers whose
 * order is known by now (normally OrderPlaced has done so already; this covers a failure in between).
 * Passes never overlap; a failed pass is logged and the next one tries again. One instance sweeps at a
 * time (lease {@code survey-parked-sweep}).
 */
@Component
class ParkedAnswerSweep extends PeriodicTask {

	private static final Logger log = LoggerFactory.getLogger(ParkedAnswerSweep.class);

	private final Surveys surveys;

	private final OrderFacts orders;

	private final SurveySettings settings;

	private final Clock clock;

	ParkedAnswerSweep(Surveys surveys, OrderFacts orders, SurveySettings settings, Clock clock, Leases leases) {
		super(settings.sweepInterval(), "Sweep of parked survey answers failed, retrying on the next one", leases,
				"survey-parked-sweep");
		this.surveys = surveys;
		this.orders = orders;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	protected Mono<Long> runPass() {
		return sweepOnce();
	}

	/** One pass; emits how many parked answers it completed. */
	Mono<Long> sweepOnce() {
		return surveys.expire(clock.instant().minus(settings.keepParkedFor()))
			.thenMany(surveys.parkedOrders())
			.concatMap(orderId -> orders.find(orderId)
				.flatMap(order -> surveys.complete(orderId, order.customerId(), order.salesChannel())))
			.reduce(0L, Long::sum)
			.doOnNext(completed -> {
				if (completed > 0) {
					log.info("Sweep completed {} parked survey answers", completed);
				}
			});
	}

}
