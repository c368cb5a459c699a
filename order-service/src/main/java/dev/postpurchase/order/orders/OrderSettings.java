package dev.postpurchase.order.orders;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Order handling.
 *
 * @param storeTimeZone the shop's zone, used where a customer's is unknown
 * @param promise the delivery promise assumed when a platform sends none
 */
@ConfigurationProperties("orders")
public record OrderSettings(@DefaultValue("Europe/Amsterdam") ZoneId storeTimeZone,
		@DefaultValue Promise promise) {

	/** @param defaultDays days after placement, delivered by the end of that day */
	public record Promise(@DefaultValue("5") int defaultDays) {

	}

}
