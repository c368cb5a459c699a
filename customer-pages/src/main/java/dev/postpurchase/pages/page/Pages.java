package dev.postpurchase.pages.page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.util.UriComponentsBuilder;

import dev.postpurchase.pages.brand.Brand;

/**
 * Starts the view model of a page: what the layout prints on every page (the language for
 * {@code <html lang>}, the texts as {@code t}, the brand, the title). Controllers add the page's own,
 * already formatted, values; templates only print.
 */
@Component
public class Pages {

	private static final Map<String, String> LANGUAGE_NAMES = Map.of("en", "English", "de", "Deutsch", "nl",
			"Nederlands", "fr", "Français");

	private final Messages messages;

	private final Brand brand;

	Pages(Messages messages, Brand brand) {
		this.messages = messages;
		this.brand = brand;
	}

	/** A page in {@code locale} titled with the text {@code titleKey}. */
	public Page page(Locale locale, String titleKey) {
		var t = messages.of(locale);
		var model = new LinkedHashMap<String, Object>();
		model.put("lang", locale.getLanguage());
		model.put("t", t);
		model.put("title", t.get(titleKey));
		model.put("brand", new BrandView(brand.name(), brand.supportUrl()));
		return new Page(locale, messages, model);
	}

	/** The layout's view of the brand. */
	record BrandView(String name, String supportUrl) {
	}

	/** One entry of the language switcher: the page again in another language. */
	record LanguageLink(String code, String name, String href, boolean current) {
	}

	/** A page's view model under construction. */
	public static final class Page {

		private final Locale locale;

		private final Messages messages;

		private final Map<String, Object> model;

		Page(Locale locale, Messages messages, Map<String, Object> model) {
			this.locale = locale;
			this.messages = messages;
			this.model = model;
		}

		public Locale locale() {
			return locale;
		}

		/** The text {@code key} in the page's language, {@code {0}} placeholders filled in. */
		public String text(String key, Object... arguments) {
			return arguments.length == 0 ? messages.of(locale).get(key) : messages.format(locale, key, arguments);
		}

		public Page with(String key, Object value) {
			model.put(key, value);
			return this;
		}

		/**
		 * Offers the page in the other languages: links to {@code path} with the same link token and
		 * {@code lang}.
		 */
		public Page languageSwitch(String path, String token) {
			var links = Languages.SUPPORTED.stream().map(other -> {
				var href = UriComponentsBuilder.fromPath(path)
					.queryParamIfPresent("token", Optional.ofNullable(token))
					.queryParam("lang", other.getLanguage()).encode().build().toUriString();
				return new LanguageLink(other.getLanguage(), LANGUAGE_NAMES.get(other.getLanguage()), href,
						other.equals(locale));
			}).toList();
			model.put("languages", Map.of("links", List.copyOf(links)));
			return this;
		}

		/** Offers the page in the other languages: links to {@code path} with {@code lang} only. */
		public Page languageSwitch(String path) {
			return languageSwitch(path, null);
		}

		public Rendering render(String view, HttpStatus status) {
			return Rendering.view(view).model(model).status(status).build();
		}

		public Rendering render(String view) {
			return render(view, HttpStatus.OK);
		}

	}

}
