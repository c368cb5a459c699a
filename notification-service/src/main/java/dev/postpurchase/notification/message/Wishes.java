package dev.postpurchase.notification.message;

import java.time.LocalTime;
import java.util.Set;

import dev.postpurchase.contracts.notification.Channel;

/**
 * What a customer chose, over what their order said: channels switched off, language, quiet hours
 * and time zone. {@code null} fields leave the order's value or the service's default.
 */
public record Wishes(Set<Channel> optedOut, String language, LocalTime quietStart, LocalTime quietEnd,
		String timeZone) {

	/** No choices made. */
	public static final Wishes NONE = new Wishes(Set.of(), null, null, null, null);

	public Wishes {
		optedOut = optedOut == null ? Set.of() : Set.copyOf(optedOut);
	}

}
