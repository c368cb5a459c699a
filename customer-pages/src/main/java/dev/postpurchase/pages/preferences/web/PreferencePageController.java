package dev.postpurchase.pages.preferences.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;

import dev.postpurchase.pages.PagesSettings;
import dev.postpurchase.pages.page.Languages;
import dev.postpurchase.pages.page.PageErrors;
import dev.postpurchase.pages.page.Pages;
import dev.postpurchase.pages.page.Pages.Page;
import dev.postpurchase.pages.preferences.NotificationPreferences;
import dev.postpurchase.pages.preferences.PreferenceChoice;
import dev.postpurchase.pages.preferences.PreferenceState;
import dev.postpurchase.pages.preferences.PreferenceState.Channel;
import reactor.core.publisher.Mono;

/**
 * The message preferences behind the PREFERENCES link of every message
 * ({@code /preferences/<orderId>?token=}): which channels may reach the customer, in which language,
 * quiet hours and time zone, saved in notification-service; and a one-button unsubscribe from all
 * emails. Every change ends on a confirmation page that shows what is now stored.
 */
@Controller
class PreferencePageController {

	private static final Pattern REGION_ZONE = Pattern
		.compile("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_/-]+");

	/** Every zone a customer may pick, by id. */
	private static final List<String> ZONES = ZoneId.getAvailableZoneIds()
		.stream()
		.filter(zone -> REGION_ZONE.matcher(zone).matches())
		.sorted()
		.toList();

	private static final Map<String, String> LANGUAGE_NAMES = Map.of("en", "English", "de", "Deutsch", "nl",
			"Nederlands", "fr", "Français");

	private final Pages pages;

	private final PageErrors errors;

	private final NotificationPreferences preferences;

	private final PagesSettings settings;

	PreferencePageController(Pages pages, PageErrors errors, NotificationPreferences preferences,
			PagesSettings settings) {
		this.pages = pages;
		this.errors = errors;
		this.preferences = preferences;
		this.settings = settings;
	}

	@GetMapping("/preferences/{orderId}")
	Mono<Rendering> form(@PathVariable String orderId, @RequestParam(required = false) String token,
			@RequestParam(required = false) String lang, ServerWebExchange exchange) {
		if (token == null || token.isBlank()) {
			return errors.linkRefused(exchange);
		}
		var locale = Languages.choose(lang, exchange.getRequest());
		return preferences.of(orderId, token)
			.map(state -> form(locale, orderId, token, state, Map.of(), HttpStatus.OK));
	}

	@PostMapping("/preferences/{orderId}")
	Mono<Rendering> save(@PathVariable String orderId, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(data -> {
			var locale = Languages.choose(data.getFirst("lang"), exchange.getRequest());
			var token = data.getFirst("token");
			if (token == null || token.isBlank()) {
				return errors.linkRefused(exchange);
			}
			var choice = PreferenceChoice.read(data);
			if (!choice.valid()) {
				return Mono.just(form(locale, orderId, token, choice.asState(), choice.errors(), HttpStatus.BAD_REQUEST));
			}
			return preferences.save(orderId, token, choice)
				.map(state -> saved(locale, orderId, token, state, "preferencesSavedTitle", "preferencesSavedText"));
		});
	}

	@PostMapping("/preferences/{orderId}/unsubscribe")
	Mono<Rendering> unsubscribe(@PathVariable String orderId, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(data -> {
			var locale = Languages.choose(data.getFirst("lang"), exchange.getRequest());
			var token = data.getFirst("token");
			if (token == null || token.isBlank()) {
				return errors.linkRefused(exchange);
			}
			return preferences.unsubscribe(orderId, token, Channel.EMAIL)
				.map(state -> saved(locale, orderId, token, state, "preferencesUnsubscribedTitle",
						"preferencesUnsubscribedText"));
		});
	}

	private Rendering form(Locale locale, String orderId, String token, PreferenceState state,
			Map<String, String> fieldErrors, HttpStatus status) {
		var page = pages.page(locale, "preferencesTitle");
		var summary = new ArrayList<ErrorLink>();
		fieldErrors.forEach((field, key) -> summary.add(new ErrorLink("#" + field, page.text(key))));
		var channels = java.util.Arrays.stream(Channel.values())
			.map(channel -> new ChannelBox("channel-" + channel.name(), page.text("channel" + channel.name()),
					state.channels().get(channel)))
			.toList();
		return page.languageSwitch("/preferences/" + orderId, token)
			.with("title", summary.isEmpty() ? page.text("preferencesTitle")
					: page.text("errorPrefix") + " " + page.text("preferencesTitle"))
			.with("action", "/preferences/" + orderId)
			.with("unsubscribeAction", "/preferences/" + orderId + "/unsubscribe")
			.with("token", token)
			.with("errors", summary.isEmpty() ? null : Map.of("items", summary))
			.with("channels", channels)
			.with("languageOptions", languageOptions(page, state.language()))
			.with("quietStart", field(page, state.quietStart(), fieldErrors.get("quietStart")))
			.with("quietEnd", field(page, state.quietEnd(), fieldErrors.get("quietEnd")))
			.with("languageError", fieldError(page, fieldErrors.get("language")))
			.with("timeZoneError", fieldError(page, fieldErrors.get("timeZone")))
			.with("timeZoneOptions", zoneOptions(page, state.timeZone()))
			.with("updated", updated(page, state))
			.render("preferences/form", status);
	}

	private Rendering saved(Locale locale, String orderId, String token, PreferenceState state, String titleKey,
			String textKey) {
		var page = pages.page(locale, titleKey);
		var channels = java.util.Arrays.stream(Channel.values())
			.map(channel -> new ChannelState(page.text("channel" + channel.name()),
					page.text(state.channels().get(channel) ? "preferencesOn" : "preferencesOff")))
			.toList();
		var back = UriComponentsBuilder.fromPath("/preferences/" + orderId).queryParam("token", token)
			.queryParam("lang", locale.getLanguage()).encode().build().toUriString();
		return page.with("message", page.text(textKey))
			.with("channels", channels)
			.with("backHref", back)
			.render("preferences/saved");
	}

	private static List<Option> languageOptions(Page page, String current) {
		var options = new ArrayList<Option>();
		options.add(new Option("", page.text("preferencesLanguageDefault"), current == null, null));
		for (var locale : Languages.SUPPORTED) {
			var code = locale.getLanguage();
			options.add(new Option(code, LANGUAGE_NAMES.get(code), code.equals(current), code));
		}
		if (current != null && Languages.supported(current) == null) {
			// chosen through support in a language the pages do not speak: kept as it is
			options.add(new Option(current, current, true, null));
		}
		return options;
	}

	private static List<Option> zoneOptions(Page page, String current) {
		var options = new ArrayList<Option>();
		options.add(new Option("", page.text("preferencesTimeZoneDefault"), current == null, null));
		if (current != null && !ZONES.contains(current)) {
			options.add(new Option(current, current, true, null));
		}
		for (var zone : ZONES) {
			options.add(new Option(zone, zone.replace('_', ' '), zone.equals(current), null));
		}
		return options;
	}

	private static TimeField field(Page page, String value, String errorKey) {
		var error = errorKey == null ? null : page.text(errorKey);
		return new TimeField(value == null ? "" : value, error);
	}

	private static String fieldError(Page page, String errorKey) {
		return errorKey == null ? null : page.text(errorKey);
	}

	/** "Last changed on … at … by you / by customer support", in the customer's language and zone. */
	private String updated(Page page, PreferenceState state) {
		if (state.updatedAt() == null) {
			return null;
		}
		var zone = settings.timeZone();
		if (state.timeZone() != null && ZoneId.getAvailableZoneIds().contains(state.timeZone())) {
			zone = ZoneId.of(state.timeZone());
		}
		var at = state.updatedAt().atZone(zone);
		var date = at.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(page.locale()));
		var time = at.format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(page.locale()));
		return page.text("support".equals(state.updatedBy()) ? "preferencesUpdatedBySupport" : "preferencesUpdatedByYou",
				date, time);
	}

	/** A channel's checkbox. */
	record ChannelBox(String id, String label, boolean checked) {
	}

	/** A channel and whether it is on, on the confirmation page. */
	record ChannelState(String label, String state) {
	}

	/** An option of a select; {@code lang} marks a language's own name for screen readers. */
	record Option(String value, String label, boolean selected, String lang) {
	}

	/** A time input's value and error. */
	record TimeField(String value, String error) {
	}

	/** An entry of the error summary, linking to its field. */
	record ErrorLink(String href, String message) {
	}

}
