package dev.postpurchase.notification.message;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.NotificationSuppressed.Reason;
import dev.postpurchase.notification.recipient.Recipient;

/**
 * Whom a message of an order goes to, as known now: the order's contact data and consents
 * ({@code null} when no OrderPlaced was seen yet) and the customer's wishes.
 */
record Audience(Recipient recipient, Wishes wishes, NotificationSettings.QuietHours quietHours) {

	/** Why a message cannot go to this customer on the channel; {@code null} when it can. */
	Reason refusal(Channel channel) {
		if (recipient == null) {
			return Reason.NO_CONTACT_DATA;
		}
		if (recipient.erasedAt() != null) {
			return Reason.ERASED;
		}
		var address = channel == Channel.EMAIL ? recipient.email() : recipient.phone();
		if (address == null || address.isBlank()) {
			return Reason.NO_CONTACT_DATA;
		}
		var consent = switch (channel) {
			case EMAIL -> recipient.emailConsent();
			case SMS -> recipient.smsConsent();
			case WHATSAPP -> recipient.whatsappConsent();
		};
		if (!consent) {
			return Reason.NO_CONSENT;
		}
		return wishes.optedOut().contains(channel) ? Reason.OPTED_OUT : null;
	}

	/** The address of the channel: email or phone. Personal data. */
	String address(Channel channel) {
		return channel == Channel.EMAIL ? recipient.email() : recipient.phone();
	}

	/** The language to write in: the customer's choice, else the order's. */
	String language() {
		if (wishes.language() != null && !wishes.language().isBlank()) {
			return wishes.language();
		}
		return recipient == null ? "en" : recipient.language();
	}

	/** The customer's time zone: their choice, the order's, else the store's. */
	ZoneId zone() {
		for (var id : new String[] { wishes.timeZone(), recipient == null ? null : recipient.timeZone() }) {
			if (id != null && !id.isBlank()) {
				try {
					return ZoneId.of(id);
				}
				catch (DateTimeException ex) {
					// an unknown zone in old data: fall through to the next
				}
			}
		}
		return quietHours.defaultZone();
	}

	/** The customer's day at {@code now}. */
	LocalDate day(Instant now) {
		return now.atZone(zone()).toLocalDate();
	}

	/**
	 * When quiet hours end if {@code now} falls in them for this channel; {@code null} when the
	 * message may go now. Quiet hours may span midnight (21:00–08:00) or not (13:00–14:00).
	 */
	Instant quietUntil(Channel channel, Instant now) {
		if (!quietHours.channels().contains(channel)) {
			return null;
		}
		var start = wishes.quietStart() != null ? wishes.quietStart() : quietHours.start();
		var end = wishes.quietEnd() != null ? wishes.quietEnd() : quietHours.end();
		if (start.equals(end)) {
			return null;
		}
		var local = ZonedDateTime.ofInstant(now, zone());
		var time = local.toLocalTime();
		boolean quiet = start.isBefore(end) ? !time.isBefore(start) && time.isBefore(end)
				: !time.isBefore(start) || time.isBefore(end);
		if (!quiet) {
			return null;
		}
		var endDay = time.isBefore(end) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
		// atZone resolves a gap (spring forward) to the later valid time
		return endDay.atTime(end).atZone(zone()).toInstant();
	}

}
