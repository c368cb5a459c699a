package dev.postpurchase.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small checks on a rendered page, by pattern (the pages are ours and regular): the accessibility
 * basics every page must meet, and reading a form control's state.
 */
public final class Html {

	private static final Pattern CONTROL = Pattern.compile("<(input|select|textarea)\\b([^>]*)>");

	private static final Pattern TYPE = Pattern.compile("\\btype=\"([^\"]*)\"");

	private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]*)\"");

	private Html() {
	}

	/**
	 * The page has a language, exactly one h1, a main landmark, and a label for every visible form
	 * control; every {@code aria-describedby} points at elements on the page.
	 */
	public static void assertAccessibleBasics(String html, String lang) {
		assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"" + lang + "\">");
		assertThat(count(html, "<h1[ >]")).as("h1 elements").isEqualTo(1);
		assertThat(count(html, "<main[ >]")).as("main landmarks").isEqualTo(1);
		assertThat(html).contains("<header").contains("<footer");
		Matcher control = CONTROL.matcher(html);
		while (control.find()) {
			var attributes = control.group(2);
			var type = TYPE.matcher(attributes);
			if (type.find() && type.group(1).equals("hidden")) {
				continue;
			}
			var id = ID.matcher(attributes);
			assertThat(id.find()).as("an id on " + control.group()).isTrue();
			assertThat(html).as("a label for " + id.group(1)).contains("<label for=\"" + id.group(1) + "\"");
		}
		Matcher described = Pattern.compile("aria-describedby=\"([^\"]*)\"").matcher(html);
		while (described.find()) {
			for (var target : described.group(1).split(" ")) {
				assertThat(html).as("the element " + target + " that aria-describedby names").contains("id=\"" + target + "\"");
			}
		}
	}

	/** The ids of the checked radio buttons and checkboxes. */
	public static List<String> checked(String html) {
		var ids = new ArrayList<String>();
		Matcher control = CONTROL.matcher(html);
		while (control.find()) {
			if (control.group(2).contains(" checked")) {
				var id = ID.matcher(control.group(2));
				if (id.find()) {
					ids.add(id.group(1));
				}
			}
		}
		return ids;
	}

	private static int count(String html, String regex) {
		var matcher = Pattern.compile(regex).matcher(html);
		var count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
