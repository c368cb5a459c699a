package dev.postpurchase.pages.preferences;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import dev.postpurchase.pages.PagesSettings;
import dev.postpurchase.pages.backend.BackendCalls;
import dev.postpurchase.pages.preferences.PreferenceState.Channel;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * notification-service's customer preference API, called with the customer's PREFERENCES link
 * token: read ({@code GET}), save ({@code PUT}, every field the page shows, so an emptied field goes
 * back to the default) and unsubscribe from one channel ({@code POST .../unsubscribe?channel=}).
 */
@Component
public class NotificationPreferences {

	static final String BACKEND = "notification-service";

	static final String PREFERENCES = "/api/v1/customer/orders/{orderId}/preferences?token={token}";

	static final String UNSUBSCRIBE = "/api/v1/customer/orders/{orderId}/unsubscribe?channel={channel}&token={token}";

	private final BackendCalls calls;

	NotificationPreferences(PagesSettings settings) {
		this.calls = new BackendCalls(BACKEND, settings.backends().notificationService().toString(),
				settings.timeout());
	}

	public Mono<PreferenceState> of(String orderId, String token) {
		return calls.send(calls.client().get().uri(PREFERENCES, orderId, token).accept(MediaType.APPLICATION_JSON),
				orderId, NotificationPreferences::state);
	}

	/** Saves every setting the page shows; emits the state as stored. */
	public Mono<PreferenceState> save(String orderId, String token, PreferenceChoice choice) {
		var channels = new LinkedHashMap<String, Boolean>();
		choice.channels().forEach((channel, on) -> channels.put(channel.name(), on));
		var body = new LinkedHashMap<String, Object>();
		body.put("channels", channels);
		body.put("language", choice.language());
		body.put("quietHours",
				choice.quietStart() == null ? null : Map.of("start", choice.quietStart(), "end", choice.quietEnd()));
		body.put("timeZone", choice.timeZone());
		return calls.send(calls.client().put().uri(PREFERENCES, orderId, token).contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON).bodyValue(body), orderId, NotificationPreferences::state);
	}

	/** Switches one channel off; emits the state as stored. */
	public Mono<PreferenceState> unsubscribe(String orderId, String token, Channel channel) {
		return calls.send(calls.client().post().uri(UNSUBSCRIBE, orderId, channel.name(), token)
			.accept(MediaType.APPLICATION_JSON), orderId, NotificationPreferences::state);
	}

	private static Mono<PreferenceState> state(org.springframework.web.reactive.function.client.ClientResponse response) {
		return response.bodyToMono(JsonNode.class).map(PreferenceState::read);
	}

}
