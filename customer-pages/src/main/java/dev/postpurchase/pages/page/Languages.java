package dev.postpurchase.pages.page;

import java.util.List;
import java.util.Locale;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The languages the pages speak and how one is chosen for a request: the {@code lang} the page asks
 * for (a link's {@code ?lang=}, a form's hidden field), then, where the page knows it, the order's own
 * locale from checkout, then the browser's {@code Accept-Language}, then English.
 */
public final class Languages {

	/** English first: the fallback. */
	public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN, Locale.forLanguageTag("nl"),
			Locale.FRENCH);

	private Languages() {
	}

	/** The supported language for {@code code} ({@code de}, {@code DE}, {@code de-AT}); null when none. */
	public static Locale supported(String code) {
		if (code == null || code.isBlank()) {
			return null;
		}
		var language = Locale.forLanguageTag(code.trim()).getLanguage();
		return SUPPORTED.stream().filter(locale -> locale.getLanguage().equals(language)).findFirst().orElse(null);
	}

	/** The language for a request whose page or form asked for {@code requested} (may be null). */
	public static Locale choose(String requested, ServerHttpRequest request) {
		return choose(requested, null, request);
	}

	/**
	 * The language for a page about an order: {@code requested} (may be null), else the order's locale
	 * ({@code nl-NL}: its language, when supported; may be null), else the browser's, else English.
	 */
	public static Locale choose(String requested, String orderLocale, ServerHttpRequest request) {
		var asked = supported(requested);
		if (asked != null) {
			return asked;
		}
		var ordered = supported(orderLocale);
		if (ordered != null) {
			return ordered;
		}
		try {
			var ranges = request.getHeaders().getAcceptLanguage();
			var best = Locale.lookup(ranges, SUPPORTED);
			if (best != null) {
				return supported(best.getLanguage());
			}
		}
		catch (IllegalArgumentException malformed) {
			// a broken Accept-Language header: the fallback
		}
		return Locale.ENGLISH;
	}

}
