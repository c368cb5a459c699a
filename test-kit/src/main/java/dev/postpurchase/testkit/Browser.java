package dev.postpurchase.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * Headless Chromium for browser tests, driven through chromedriver (Debian packages {@code chromium}
 * and {@code chromium-driver}, which {@code .ci/run} installs). Nothing is downloaded: the browser and
 * driver on this machine are used, so the tests run offline.
 *
 * <p>Where Chromium is missing, a browser test is skipped with a message naming the packages, unless
 * {@code POSTPURCHASE_REQUIRE_TOOLS} is set (CI sets it), in which case it fails: CI never passes
 * without having run the browser tests ({@link InstalledTool}).
 *
 * <p>Screenshots go to {@code target/screenshots/<name>-<width>.png}, kept as test output.
 */
public final class Browser implements AutoCloseable {

	/** A phone's viewport (CSS pixels). */
	public static final Dimension PHONE = new Dimension(390, 844);

	/** A laptop's viewport. */
	public static final Dimension DESKTOP = new Dimension(1366, 900);

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final String ACCESSIBILITY_CHECK = resource("accessibility.js");

	private final ChromeDriver driver;

	private final Dimension viewport;

	private Browser(ChromeDriver driver, Dimension viewport) {
		this.driver = driver;
		this.viewport = viewport;
	}

	/** Starts a headless Chromium at the given viewport (skips or fails the test when there is none). */
	public static Browser open(Dimension viewport) {
		var browser = InstalledTool.require("chromium", "POSTPURCHASE_CHROMIUM", "chromium", "chromium-browser",
				"google-chrome");
		var driver = InstalledTool.require("chromium-driver", "POSTPURCHASE_CHROMEDRIVER", "chromedriver");
		var options = new ChromeOptions().setBinary(browser.executable().toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
					"--no-first-run", "--disable-extensions", "--lang=en-US",
					"--window-size=" + Math.max(viewport.getWidth(), 500) + "," + viewport.getHeight());
		// the CSS viewport the page lays out in (Chromium's windows are at least 500 px wide)
		options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics",
				Map.of("width", viewport.getWidth(), "height", viewport.getHeight(), "pixelRatio", 1.0)));
		var service = new ChromeDriverService.Builder().usingDriverExecutable(driver.executable().toFile())
			.usingAnyFreePort()
			.build();
		var chrome = new ChromeDriver(service, options);
		chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return new Browser(chrome, viewport);
	}

	/** The driver, for finding elements and navigating. */
	public WebDriver driver() {
		return driver;
	}

	/** Opens a page and waits until it has loaded. */
	public Browser get(String url) {
		driver.get(url);
		return this;
	}

	/**
	 * Sends {@code Authorization: Bearer <token>} with every request from now on, as the sign-in proxy in
	 * front of a protected page (the ops overview) would; through Chromium's DevTools protocol, since a
	 * browser has no other way to set it.
	 */
	public Browser withBearer(String token) {
		driver.executeCdpCommand("Network.enable", Map.of());
		driver.executeCdpCommand("Network.setExtraHTTPHeaders",
				Map.of("headers", Map.of("Authorization", "Bearer " + token)));
		return this;
	}

	/**
	 * What the page on screen gets wrong for people with low vision or a screen reader, one line each
	 * (empty when nothing): text below WCAG AA contrast with what is behind it (4.5:1, 3:1 for large
	 * text), images without alt text, form controls without a label, links and buttons without a name.
	 * Checked on the rendered page, with the computed colors, so brand colors count as configured.
	 */
	public List<String> accessibilityProblems() {
		var found = driver.executeScript(ACCESSIBILITY_CHECK);
		return found instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
	}

	/**
	 * Where the Tab key takes a keyboard user on the page on screen, from its start: each focused
	 * element as {@code tag#id} or {@code tag "text"}, at most {@code presses} of them.
	 */
	public List<String> tabOrder(int presses) {
		// focusing the body moves the point Tab starts from to the page's start (blurring alone does not)
		driver.executeScript("document.activeElement && document.activeElement.blur();"
				+ " document.body.setAttribute('tabindex', '-1'); document.body.focus();"
				+ " document.body.removeAttribute('tabindex'); window.scrollTo(0, 0);");
		var order = new ArrayList<String>();
		var body = driver.findElement(By.tagName("body"));
		for (int i = 0; i < presses; i++) {
			new Actions(driver).sendKeys(Keys.TAB).perform();
			var focused = driver.switchTo().activeElement();
			if (focused.equals(body)) {
				break;
			}
			var id = focused.getDomAttribute("id");
			order.add(focused.getTagName() + (id != null && !id.isBlank() ? "#" + id : " \"" + focused.getText().strip() + "\""));
		}
		return order;
	}

	/** Saves a screenshot of the viewport as {@code target/screenshots/<name>-<width>.png}. */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			var file = SCREENSHOTS.resolve(name + "-" + viewport.getWidth() + ".png");
			Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String resource(String name) {
		try (var in = Browser.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		driver.quit();
	}

}
