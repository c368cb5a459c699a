package dev.postpurchase.pages.brand.web;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.postpurchase.pages.brand.BrandLogo;
import dev.postpurchase.pages.brand.BrandStyles;

/** The brand's stylesheet and logo, cacheable for an hour (they change only with the configuration). */
@RestController
class BrandController {

	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofHours(1));

	private final BrandStyles styles;

	private final BrandLogo logo;

	BrandController(BrandStyles styles, BrandLogo logo) {
		this.styles = styles;
		this.logo = logo;
	}

	@GetMapping("/brand.css")
	ResponseEntity<String> css() {
		return ResponseEntity.ok().cacheControl(CACHE).contentType(MediaType.valueOf("text/css;charset=UTF-8"))
			.body(styles.css());
	}

	@GetMapping("/brand/logo")
	ResponseEntity<byte[]> logo() {
		return ResponseEntity.ok().cacheControl(CACHE).contentType(logo.type()).body(logo.bytes());
	}

}
