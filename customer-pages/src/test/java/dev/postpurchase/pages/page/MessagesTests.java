package dev.postpurchase.pages.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Every text exists in every language, is not empty, and keeps the English placeholders. */
class MessagesTests {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d}");

	@Test
	void everyLanguageHasEveryTextWithTheSamePlaceholders() {
		var messages = new Messages();
		var english = messages.of(Locale.ENGLISH);
		for (var locale : Languages.SUPPORTED) {
			var texts = messages.of(locale);
			assertThat(texts.keySet()).isEqualTo(english.keySet());
			texts.forEach((key, text) -> {
				assertThat(text).as(locale + " " + key).isNotBlank().doesNotContain("'");
				assertThat(PLACEHOLDER.matcher(text).results().map(match -> match.group()).sorted().toList())
					.as(locale + " " + key)
					.isEqualTo(PLACEHOLDER.matcher(english.get(key)).results().map(match -> match.group()).sorted().toList());
			});
		}
	}

	@Test
	void theLanguagesAreTranslatedNotCopied() {
		var messages = new Messages();
		for (var locale : Languages.SUPPORTED.subList(1, Languages.SUPPORTED.size())) {
			var copied = messages.of(locale).entrySet().stream()
				.filter(text -> text.getValue().equals(messages.of(Locale.ENGLISH).get(text.getKey())))
				.map(text -> text.getKey())
				.toList();
			// names that are the same everywhere
			assertThat(copied).as(locale.toString()).isSubsetOf("channelWHATSAPP", "channelSMS", "errorPrefix", "opsKpi_nps");
		}
	}

	@Test
	void aLanguageIsChosenFromTheLinkThenTheBrowser() {
		assertThat(Languages.supported("de-AT")).isEqualTo(Locale.GERMAN);
		assertThat(Languages.supported("NL")).isEqualTo(Locale.forLanguageTag("nl"));
		assertThat(Languages.supported("es")).isNull();
		assertThat(Languages.supported(null)).isNull();
	}

}
