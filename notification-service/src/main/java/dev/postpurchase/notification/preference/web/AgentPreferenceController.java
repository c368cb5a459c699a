package dev.postpurchase.notification.preference.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.kit.web.Problems;
import dev.postpurchase.notification.preference.Preference;
import dev.postpurchase.notification.preference.Preferences;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Support reads and changes a customer's notification preferences (read: {@code support} or
 * {@code orders:read}; change: {@code support}). Each change records the agent's token subject.
 */
@RestController
class AgentPreferenceController {

	private static final int LONGEST_ID = 128;

	private final Preferences preferences;

	AgentPreferenceController(Preferences preferences) {
		this.preferences = preferences;
	}

	/** The effective preferences; the defaults (every channel on, nothing overridden) when none were chosen. */
	@GetMapping("/api/v1/customers/{customerId}/preferences")
	Mono<PreferenceView> get(@PathVariable String customerId) {
		return preferences.of(customerId)
			.defaultIfEmpty(Preference.defaults(customerId))
			.map(PreferenceView::forAgent);
	}

	/**
	 * Changes the fields the body names (see {@link PreferenceRequest}); 200 with the result, 400
	 * naming each invalid field.
	 */
	@PutMapping("/api/v1/customers/{customerId}/preferences")
	Mono<PreferenceView> put(@PathVariable String customerId, @RequestBody JsonNode body,
			@AuthenticationPrincipal Jwt agent) {
		if (customerId.length() > LONGEST_ID || !printable(customerId)) {
			// the id is logged with every change: a line break would forge a log line
			throw Problems.badRequest("customerId: at most " + LONGEST_ID + " printable characters");
		}
		var change = PreferenceRequest.read(body);
		return preferences.save(customerId, change, Preference.byAgent(agent.getSubject()))
			.map(PreferenceView::forAgent);
	}

	/** No control characters, lone surrogates or noncharacters such as U+FFFF (which XML cannot hold). */
	private static boolean printable(String id) {
		return id.codePoints()
			.noneMatch(point -> Character.isISOControl(point) || !Character.isDefined(point)
					|| Character.getType(point) == Character.SURROGATE);
	}

}
