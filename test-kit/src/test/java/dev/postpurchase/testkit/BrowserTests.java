package dev.postpurchase.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The headless Chromium the browser tests use: it renders a page and keeps screenshots. */
class BrowserTests {

	@Test
	void rendersAPageAtPhoneWidthAndKeepsAScreenshot() throws Exception {
		try (var browser = Browser.open(Browser.PHONE)) {
			browser.get("data:text/html,<html lang=en><meta name=viewport content=\"width=device-width\"><title>Hello</title><h1 id=greeting>Hello, parcel</h1></html>");
			assertThat(browser.driver().getTitle()).isEqualTo("Hello");
			assertThat(((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("return window.innerWidth"))
				.isEqualTo(390L);
			assertThat(browser.driver().findElement(By.id("greeting")).getText()).isEqualTo("Hello, parcel");
			var screenshot = browser.screenshot("browser-tests");
			assertThat(screenshot.getFileName().toString()).isEqualTo("browser-tests-390.png");
			assertThat(Files.readAllBytes(screenshot)).startsWith(0x89, 'P', 'N', 'G');
		}
	}

}
