package dev.postpurchase.tracking.exception;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When delivery exceptions are raised from time, and how the checker runs.
 *
 * @param stallAfter business hours without a scan before a parcel is STALLED (weekends and
 * {@code holidays} do not count)
 * @param noInfoAfter time after registration without a first scan before NO_INFO
 * @param pickupHold how long pickup points hold a parcel
 * @param pickupWarnBefore how long before the hold ends PICKUP_EXPIRING is raised
 * @param holidays days that do not count as business hours (ISO dates)
 * @param checkInterval how often the checker looks for due shipments
 * @param batchSize due shipments read per run
 * @param concurrency due shipments checked in parallel
 * @param metricsInterval how often the shipment and open-exception gauges are counted
 */
@ConfigurationProperties("tracking.exceptions")
public record ExceptionSettings(@DefaultValue("48h") Duration stallAfter, @DefaultValue("3d") Duration noInfoAfter,
		@DefaultValue("7d") Duration pickupHold, @DefaultValue("2d") Duration pickupWarnBefore,
		@DefaultValue List<LocalDate> holidays, @DefaultValue("30s") Duration checkInterval,
		@DefaultValue("500") int batchSize, @DefaultValue("8") int concurrency,
		@DefaultValue("60s") Duration metricsInterval) {

	public ExceptionSettings {
		holidays = holidays == null ? List.of() : List.copyOf(holidays);
		if (batchSize < 1 || concurrency < 1) {
			throw new IllegalArgumentException("tracking.exceptions: batch-size and concurrency must be positive");
		}
	}

}
