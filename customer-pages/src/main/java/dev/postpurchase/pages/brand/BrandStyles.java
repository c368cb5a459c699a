package dev.postpurchase.pages.brand;

import org.springframework.stereotype.Component;

/**
 * {@code /brand.css}: the brand's colors as CSS custom properties, which the one static stylesheet
 * uses. Built once; only validated hex colors go in, so nothing from configuration can break out of
 * the declarations.
 */
@Component
public class BrandStyles {

	private final String css;

	BrandStyles(Brand brand) {
		this.css = ":root {\n" + "\t--brand-primary: " + brand.primaryColor() + ";\n" + "\t--brand-on-primary: "
				+ brand.onPrimaryColor() + ";\n" + "\t--brand-accent: " + brand.accentColor() + ";\n" + "}\n";
	}

	public String css() {
		return css;
	}

}
