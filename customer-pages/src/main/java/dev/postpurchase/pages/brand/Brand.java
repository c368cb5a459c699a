package dev.postpurchase.pages.brand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.core.io.ResourceLoader;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import dev.postpurchase.pages.PagesSettings;

/**
 * The shop's look from {@code pages.brand.*}, checked once at startup so a typo in a color or a
 * missing logo stops the application instead of breaking pages: colors must be hex, the logo a
 * readable SVG, PNG, JPEG or WebP of at most 512 KB, the support link http(s) or mailto. Text on
 * the primary color is black or white, whichever contrasts more (WCAG relative luminance).
 */
@Component
public class Brand {

	static final int LARGEST_LOGO = 512 * 1024;

	private static final Pattern HEX_COLOR = Pattern.compile("#(\\p{XDigit}{3}|\\p{XDigit}{6})");

	private static final Map<String, MediaType> LOGO_TYPES = Map.of("svg", MediaType.valueOf("image/svg+xml"), "png",
			MediaType.IMAGE_PNG, "jpg", MediaType.IMAGE_JPEG, "jpeg", MediaType.IMAGE_JPEG, "webp",
			MediaType.valueOf("image/webp"));

	private final String name;

	private final String primaryColor;

	private final String accentColor;

	private final String onPrimaryColor;

	private final String supportUrl;

	private final byte[] logo;

	private final MediaType logoType;

	public Brand(PagesSettings settings, ResourceLoader resources) {
		var brand = settings.brand();
		if (brand.name() == null || brand.name().isBlank()) {
			throw new IllegalStateException("pages.brand.name: required");
		}
		this.name = brand.name().trim();
		this.primaryColor = color("pages.brand.primary-color", brand.primaryColor());
		this.accentColor = color("pages.brand.accent-color", brand.accentColor());
		this.onPrimaryColor = contrast(primaryColor, "#ffffff") >= contrast(primaryColor, "#000000") ? "#ffffff"
				: "#000000";
		this.supportUrl = supportUrl(brand.supportUrl());
		var location = brand.logo();
		var extension = location.substring(location.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		this.logoType = LOGO_TYPES.get(extension);
		if (logoType == null) {
			throw new IllegalStateException("pages.brand.logo: " + location + " is not .svg, .png, .jpg or .webp");
		}
		var resource = resources.getResource(location);
		if (!resource.isReadable()) {
			throw new IllegalStateException("pages.brand.logo: " + location + " cannot be read");
		}
		try (var in = resource.getInputStream()) {
			this.logo = in.readNBytes(LARGEST_LOGO + 1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("pages.brand.logo: " + location + " cannot be read", ex);
		}
		if (logo.length > LARGEST_LOGO) {
			throw new IllegalStateException("pages.brand.logo: " + location + " is larger than 512 KB");
		}
	}

	public String name() {
		return name;
	}

	/** The support link for the footer; null when none is configured. */
	public String supportUrl() {
		return supportUrl;
	}

	String primaryColor() {
		return primaryColor;
	}

	String accentColor() {
		return accentColor;
	}

	String onPrimaryColor() {
		return onPrimaryColor;
	}

	byte[] logo() {
		return logo;
	}

	MediaType logoType() {
		return logoType;
	}

	private static String color(String property, String value) {
		if (value == null || !HEX_COLOR.matcher(value.trim()).matches()) {
			throw new IllegalStateException(property + ": expected a hex color such as #1f4e8c, got " + value);
		}
		var hex = value.trim().toLowerCase(Locale.ROOT);
		if (hex.length() == 4) {
			hex = "#" + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2) + hex.charAt(3) + hex.charAt(3);
		}
		return hex;
	}

	private static String supportUrl(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			var uri = new URI(value.trim());
			var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (scheme.equals("mailto") || ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null)) {
				return uri.toString();
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		throw new IllegalStateException("pages.brand.support-url: expected an http(s) or mailto URL");
	}

	/** The WCAG contrast ratio of two {@code #rrggbb} colors, 1 to 21. */
	static double contrast(String one, String other) {
		var a = luminance(one);
		var b = luminance(other);
		return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
	}

	private static double luminance(String hex) {
		var rgb = Integer.parseInt(hex.substring(1), 16);
		return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
	}

	private static double channel(int value) {
		var c = (value & 0xff) / 255.0;
		return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}

}
