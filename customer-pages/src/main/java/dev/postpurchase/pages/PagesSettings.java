package dev.postpurchase.pages;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pages' settings ({@code pages.*} in {@code customer-pages.yml}). No secrets: every backend
 * checks the customer's link token itself.
 *
 * @param backends where the services that own the data answer
 * @param timeout how long a backend may take before the customer sees "temporarily unavailable"
 * @param timeZone the zone dates are shown in when the customer chose none, and the ops overview's days
 *     are counted in (cx-metrics-service's {@code metrics.zone})
 * @param brand how the pages look
 */
@ConfigurationProperties("pages")
public record PagesSettings(@DefaultValue Backends backends, @DefaultValue("5s") Duration timeout,
		@DefaultValue("Europe/Amsterdam") ZoneId timeZone, @DefaultValue Brand brand) {

	/**
	 * Base URLs of the services' customer APIs.
	 *
	 * @param orderService tracking data
	 * @param notificationService message preferences and unsubscribe
	 * @param returnsService returns
	 * @param cxMetricsService survey answers, and the KPIs of the ops overview
	 */
	public record Backends(@DefaultValue("http://localhost:8081") URI orderService,
			@DefaultValue("http://localhost:8083") URI notificationService,
			@DefaultValue("http://localhost:8084") URI returnsService,
			@DefaultValue("http://localhost:8085") URI cxMetricsService) {
	}

	/**
	 * The shop's look, checked at startup (see {@code brand.Brand}).
	 *
	 * @param name shown in the header and every page title
	 * @param logo a Spring resource location: {@code classpath:...} or {@code file:/path/logo.svg}
	 *     (SVG, PNG, JPEG or WebP, at most 512 KB)
	 * @param primaryColor header and buttons, {@code #rgb} or {@code #rrggbb}
	 * @param accentColor links and focus outlines, {@code #rgb} or {@code #rrggbb}
	 * @param supportUrl the footer's support link ({@code https:}, {@code http:} or {@code mailto:});
	 *     none when empty
	 */
	public record Brand(@DefaultValue("Post-Purchase Ops") String name,
			@DefaultValue("classpath:brand/logo.svg") String logo, @DefaultValue("#1f4e8c") String primaryColor,
			@DefaultValue("#8a3b00") String accentColor, String supportUrl) {
	}

}
