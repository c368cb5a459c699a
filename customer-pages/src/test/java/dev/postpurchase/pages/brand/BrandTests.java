package dev.postpurchase.pages.brand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;

import dev.postpurchase.pages.PagesSettings;
import dev.postpurchase.pages.PagesSettings.Backends;

/** A brand configuration that would break the pages stops the application instead. */
class BrandTests {

	@Test
	void colorsMustBeHex() {
		assertThatIllegalStateException().isThrownBy(() -> brand("Shop", "classpath:brand/logo.svg", "red", "#000", null))
			.withMessageContaining("pages.brand.primary-color");
		assertThatIllegalStateException()
			.isThrownBy(() -> brand("Shop", "classpath:brand/logo.svg", "#123456", "#12345;}body{", null))
			.withMessageContaining("pages.brand.accent-color");
	}

	@Test
	void theLogoMustBeAReadableImage(@TempDir Path dir) throws Exception {
		assertThatIllegalStateException().isThrownBy(() -> brand("Shop", "classpath:brand/missing.svg", "#000", "#000", null))
			.withMessageContaining("cannot be read");
		var script = Files.writeString(dir.resolve("logo.js"), "alert(1)");
		assertThatIllegalStateException().isThrownBy(() -> brand("Shop", script.toUri().toString(), "#000", "#000", null))
			.withMessageContaining("is not .svg");
		var png = Files.write(dir.resolve("logo.png"), new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		assertThat(new BrandLogo(brand("Shop", "file:" + png, "#000", "#000", null)).type().toString()).isEqualTo("image/png");
	}

	@Test
	void theSupportLinkMustBeHttpOrMailto() {
		assertThatIllegalStateException()
			.isThrownBy(() -> brand("Shop", "classpath:brand/logo.svg", "#000", "#000", "javascript:alert(1)"))
			.withMessageContaining("pages.brand.support-url");
		assertThat(brand("Shop", "classpath:brand/logo.svg", "#000", "#000", "mailto:help@shop.example").supportUrl())
			.isEqualTo("mailto:help@shop.example");
	}

	@Test
	void textOnThePrimaryColorIsWhicheverContrastsMore() {
		var css = new BrandStyles(brand("Shop", "classpath:brand/logo.svg", "#FFD700", "#000", null)).css();
		assertThat(css).contains("--brand-primary: #ffd700;").contains("--brand-on-primary: #000000;");
		assertThat(Brand.contrast("#000000", "#ffffff")).isEqualTo(21.0);
	}

	private static Brand brand(String name, String logo, String primary, String accent, String supportUrl) {
		var settings = new PagesSettings(new Backends(null, null, null, null), java.time.Duration.ofSeconds(5),
				java.time.ZoneId.of("UTC"), new PagesSettings.Brand(name, logo, primary, accent, supportUrl));
		return new Brand(settings, new DefaultResourceLoader());
	}

}
