package dev.postpurchase.notification.preference;

import java.util.Collection;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.postpurchase.notification.message.CustomerWishes;
import dev.postpurchase.notification.message.Wishes;
import reactor.core.publisher.Mono;

/** The stored preferences, as the wishes the sending of messages respects. */
@Component
class PreferenceWishes implements CustomerWishes {

	private final Preferences preferences;

	PreferenceWishes(Preferences preferences) {
		this.preferences = preferences;
	}

	@Override
	public Mono<Map<String, Wishes>> ofAll(Collection<String> customerIds) {
		return customerIds.isEmpty() ? Mono.just(Map.of())
				: preferences.ofAll(customerIds).collectMap(Preference::customerId, PreferenceWishes::wishes);
	}

	private static Wishes wishes(Preference chosen) {
		return new Wishes(chosen.optedOut(), chosen.language(),
				chosen.quietHours() == null ? null : chosen.quietHours().start(),
				chosen.quietHours() == null ? null : chosen.quietHours().end(), chosen.timeZone());
	}

}
