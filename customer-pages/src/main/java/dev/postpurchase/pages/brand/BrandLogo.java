package dev.postpurchase.pages.brand;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/** The logo's bytes and media type, as served at {@code /brand/logo}. */
@Component
public class BrandLogo {

	private final Brand brand;

	BrandLogo(Brand brand) {
		this.brand = brand;
	}

	public byte[] bytes() {
		return brand.logo();
	}

	public MediaType type() {
		return brand.logoType();
	}

}
