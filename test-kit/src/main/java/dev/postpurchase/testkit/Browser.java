package dev.postpurchase.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

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

	@Override
	public void close() {
		driver.quit();
	}

}
