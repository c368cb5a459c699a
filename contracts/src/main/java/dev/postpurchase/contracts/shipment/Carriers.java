package dev.postpurchase.contracts.shipment;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * One id per carrier, whatever a platform or tracker calls it ("DHL Express", "dhl-express",
 * "DHL_EXPRESS" are all {@code dhl-express}; "PostNL", "post-nl" are {@code postnl}).
 */
public final class Carriers {

	private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("dhl-ecommerce", "dhl"),
			Map.entry("dhl-parcel", "dhl"), Map.entry("dhl-de", "dhl"), Map.entry("deutsche-post-dhl", "dhl"),
			Map.entry("post-nl", "postnl"), Map.entry("postnl-3s", "postnl"), Map.entry("united-parcel-service", "ups"),
			Map.entry("federal-express", "fedex"), Map.entry("fed-ex", "fedex"), Map.entry("usps-com", "usps"),
			Map.entry("united-states-postal-service", "usps"), Map.entry("royal-mail-group", "royal-mail"),
			Map.entry("dpd-de", "dpd"), Map.entry("dpd-uk", "dpd"), Map.entry("gls-de", "gls"),
			Map.entry("colissimo-fr", "colissimo"), Map.entry("la-poste-colissimo", "colissimo"));

	private Carriers() {
	}

	/** The normalized id of a carrier name or slug; "unknown" when none is given. */
	public static String normalize(String name) {
		if (name == null || name.isBlank()) {
			return "unknown";
		}
		var slug = Normalizer.normalize(name, Normalizer.Form.NFKD)
			.replaceAll("\\p{M}", "")
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("(^-|-$)", "");
		return ALIASES.getOrDefault(slug, slug);
	}

}
