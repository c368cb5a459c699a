package dev.postpurchase.metrics.kpi;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param zone the store's time zone: KPI days and date ranges are counted in it
 * @param rebuild how a rebuild of the facts from the topics runs
 */
@ConfigurationProperties("metrics")
public record KpiSettings(@DefaultValue("Europe/Amsterdam") ZoneId zone, @DefaultValue Rebuild rebuild) {

	/**
	 * @param poll how often every instance re-reads which fact generations are in use; a rebuild waits
	 *     twice this long before it reads the topics' ends and before it drops the old generation, so
	 *     every instance has followed
	 * @param stale a rebuild whose instance has not reported progress for this long is taken to have
	 *     died, and a new one may start
	 */
	public record Rebuild(@DefaultValue("1s") Duration poll, @DefaultValue("60s") Duration stale) {

	}

}
