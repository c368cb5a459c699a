package dev.postpurchase.pages.page;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Every text of the pages in every supported language, from {@code messages.properties} (English)
 * and {@code messages_de}, {@code _nl}, {@code _fr} (UTF-8). Keys have no dots, so a template prints
 * one as {@code {{t.someKey}}}. The application does not start when a language lacks a key another
 * has: a page is never half translated.
 */
@Component
public class Messages {

	private final Map<Locale, Map<String, String>> texts = new java.util.HashMap<>();

	public Messages() {
		for (var locale : Languages.SUPPORTED) {
			texts.put(locale, load(locale));
		}
		var english = texts.get(Locale.ENGLISH).keySet();
		for (var entry : texts.entrySet()) {
			if (!entry.getValue().keySet().equals(english)) {
				var missing = new TreeSet<>(english);
				missing.removeAll(entry.getValue().keySet());
				var extra = new TreeSet<>(entry.getValue().keySet());
				extra.removeAll(english);
				throw new IllegalStateException("messages_" + entry.getKey().getLanguage()
						+ ".properties differs from messages.properties: missing " + missing + ", extra " + extra);
			}
		}
	}

	/** All texts of one language, key to text. */
	public Map<String, String> of(Locale locale) {
		return texts.get(locale);
	}

	/** One text with its {@code {0}} placeholders filled in, formatted for the language. */
	public String format(Locale locale, String key, Object... arguments) {
		var pattern = texts.get(locale).get(key);
		if (pattern == null) {
			throw new IllegalArgumentException("No message " + key);
		}
		return new MessageFormat(pattern, locale).format(arguments);
	}

	private static Map<String, String> load(Locale locale) {
		var name = Locale.ENGLISH.equals(locale) ? "messages.properties"
				: "messages_" + locale.getLanguage() + ".properties";
		var properties = new Properties();
		try (var reader = new InputStreamReader(new ClassPathResource(name).getInputStream(), StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + name, ex);
		}
		var map = new TreeMap<String, String>();
		properties.forEach((key, value) -> {
			if (key.toString().contains(".")) {
				throw new IllegalStateException(name + ": key " + key + " has a dot; templates could not print it");
			}
			map.put(key.toString(), value.toString());
		});
		return Map.copyOf(map);
	}

}
