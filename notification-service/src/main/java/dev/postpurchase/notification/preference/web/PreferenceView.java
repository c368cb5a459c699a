package dev.postpurchase.notification.preference.web;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.notification.preference.Preference;

/**
 * A customer's preferences as the API shows them: every channel on or off, and the overrides
 * ({@code null}: the order's language and time zone, the service's quiet hours). The same shape is
 * the body of a PUT. Agents see the customer id and which agent changed it; a customer's link shows
 * the order instead, and only whether support or the customer changed it.
 *
 * @param customerId for agents; absent in a customer's view
 * @param orderId the link's order, in a customer's view; absent for agents
 * @param updatedBy {@code agent:<subject>} or {@code customer-link} for agents; {@code support} or
 *     {@code customer-link} for customers; {@code null} when nothing was ever chosen
 */
@JsonInclude(Include.ALWAYS) // an unset override is shown as null, so every field is always there
record PreferenceView(@JsonInclude(Include.NON_NULL) String customerId, @JsonInclude(Include.NON_NULL) String orderId,
		Map<Channel, Boolean> channels, String language, QuietHoursView quietHours, String timeZone,
		Instant updatedAt, String updatedBy) {

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	/** As agents see it. */
	static PreferenceView forAgent(Preference preference) {
		return of(preference, preference.customerId(), null, preference.updatedBy());
	}

	/** As the customer sees it through the link of one order. */
	static PreferenceView forCustomer(Preference preference, String orderId) {
		var by = preference.updatedBy();
		var shown = by == null || Preference.CUSTOMER_LINK.equals(by) ? by : "support";
		return of(preference, null, orderId, shown);
	}

	private static PreferenceView of(Preference preference, String customerId, String orderId, String updatedBy) {
		var channels = new LinkedHashMap<Channel, Boolean>();
		for (var channel : Channel.values()) {
			channels.put(channel, preference.allows(channel));
		}
		var quiet = preference.quietHours() == null ? null
				: new QuietHoursView(preference.quietHours().start().format(HH_MM),
						preference.quietHours().end().format(HH_MM));
		return new PreferenceView(customerId, orderId, channels, preference.language(), quiet, preference.timeZone(),
				preference.updatedAt(), updatedBy);
	}

	/** Quiet hours as {@code HH:mm} in the customer's time zone; {@code end} may be before {@code start} (overnight). */
	record QuietHoursView(String start, String end) {
	}

}
