package dev.postpurchase.notification.preference;

import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.convert.ValueConverter;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.postpurchase.contracts.notification.Channel;

/**
 * What a customer chose about their messages, one document per customer, for all their orders. It
 * holds choices only, no personal data, so an erasure leaves it (an opt-out must outlive the contact
 * data). Unset values fall back to the order's data or the service's defaults.
 *
 * @param customerId the document id, the shop's customer id from OrderPlaced
 * @param optedOut the channels the customer switched off; never {@code null}
 * @param language a language subtag ({@code de}) overriding the order's locale; {@code null}: the
 *     order's
 * @param quietHours when no message may reach the customer; {@code null}: the service's default
 * @param timeZone an IANA zone id overriding the order's; {@code null}: the order's
 * @param updatedAt when it last changed
 * @param updatedBy who changed it last: {@code agent:<subject of the agent's token>} or
 *     {@code customer-link}
 */
@Document(Preferences.COLLECTION)
public record Preference(@Id String customerId, Set<Channel> optedOut, String language, QuietHours quietHours,
		String timeZone, Instant updatedAt, String updatedBy) {

	/** {@link #updatedBy} of a change made through a customer's link. */
	public static final String CUSTOMER_LINK = "customer-link";

	public Preference {
		optedOut = optedOut == null || optedOut.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(optedOut));
	}

	/** What applies to a customer who never chose anything: every channel on, everything else from the order. */
	public static Preference defaults(String customerId) {
		return new Preference(customerId, Set.of(), null, null, null, null, null);
	}

	/** Whether the customer lets us use this channel. */
	public boolean allows(Channel channel) {
		return !optedOut.contains(channel);
	}

	/** {@link #updatedBy} of a change made by an agent, from the subject of their token. */
	public static String byAgent(String subject) {
		return "agent:" + subject;
	}

	/**
	 * A daily window without messages, in the customer's time zone. It may span midnight
	 * ({@code 21:00}–{@code 08:00}); start and end differ. Stored as {@code HH:mm} text.
	 *
	 * @param start the first minute of quiet
	 * @param end the first minute messages may go out again
	 */
	public record QuietHours(@ValueConverter(HourMinute.class) LocalTime start,
			@ValueConverter(HourMinute.class) LocalTime end) {

		public QuietHours {
			if (start == null || end == null || start.equals(end)) {
				throw new IllegalArgumentException("Quiet hours need a start and a different end");
			}
		}

		/** Whether {@code time} falls into the quiet hours (start inclusive, end exclusive). */
		public boolean contains(LocalTime time) {
			if (start.isBefore(end)) {
				return !time.isBefore(start) && time.isBefore(end);
			}
			// across midnight
			return !time.isBefore(start) || time.isBefore(end);
		}

	}

}
