package dev.postpurchase.tracking.exception;

import org.springframework.context.ApplicationContext;

/**
 * Counts the shipment and open-exception gauges now rather than on {@code metrics-interval}, for
 * tests outside this package ({@link ExceptionMetrics#refresh()} is package-private).
 */
public final class ExceptionMetricsRefresh {

	private ExceptionMetricsRefresh() {
	}

	public static void refresh(ApplicationContext context) {
		context.getBean(ExceptionMetrics.class).refresh().block();
	}

}
