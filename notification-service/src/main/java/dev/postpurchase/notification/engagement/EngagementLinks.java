package dev.postpurchase.notification.engagement;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.notification.message.EmailTracking;
import dev.postpurchase.notification.message.LinkSettings;

/**
 * The signed links that report opens and clicks of an email: an open pixel and a redirect for each
 * link in it, under {@code postpurchase.links.service-url}. Each carries an HMAC-SHA256 signature
 * ({@code sig}, base64url) of what it is for: the open of one notification, or the click of one
 * notification on one target URL. So only links we made are counted, and the redirect only ever goes
 * to a URL we signed for that message (never an open redirect). The signature is checked in
 * constant time, under the current and, during a rotation, the previous secret. Links do not expire:
 * they live in emails as long as those are kept.
 *
 * <p>Opens are a hint, not proof: mail clients that block images never load the pixel, and some
 * (Apple Mail Privacy Protection) load every image ahead of the reader; link scanners of mail
 * servers may follow links. A click therefore also records the open.
 */
@Component
public class EngagementLinks implements EmailTracking {

	private static final Logger log = LoggerFactory.getLogger(EngagementLinks.class);

	/** Where the links are served. */
	public static final String BASE_PATH = "/api/v1/customer/engagement";

	static final int MIN_SECRET_LENGTH = 32;

	private static final String OPEN = "open";

	private static final String CLICK = "click";

	private final String baseUrl;

	/** The first signs, every one is accepted. */
	private final List<String> keys = new ArrayList<>();

	EngagementLinks(EngagementSettings settings, LinkSettings links) {
		if (!isWebUrl(links.serviceUrl())) {
			throw new IllegalStateException("postpurchase.links.service-url must be an absolute http(s) URL");
		}
		this.baseUrl = links.serviceUrl().replaceAll("/+$", "");
		if (EngagementSettings.present(settings.secret())) {
			keys.add(checked("notifications.engagement.secret", settings.secret()));
		}
		else {
			var ephemeral = new byte[32];
			new SecureRandom().nextBytes(ephemeral);
			keys.add(Base64.getUrlEncoder().withoutPadding().encodeToString(ephemeral));
			log.warn("notifications.engagement.secret is not set: signing engagement links with an ephemeral key; "
					+ "links in emails sent before a restart will not be recognized");
		}
		if (EngagementSettings.present(settings.previousSecret())) {
			keys.add(checked("notifications.engagement.previous-secret", settings.previousSecret()));
		}
	}

	/** The URL of the 1x1 image that records the open of an email. */
	@Override
	public String openPixel(String notificationId) {
		return base(notificationId) + "/open.gif?sig=" + sign(keys.get(0), OPEN, notificationId, "");
	}

	/**
	 * The URL that records a click and redirects to {@code targetUrl}.
	 *
	 * @throws IllegalArgumentException when the target is not an absolute http(s) URL
	 */
	@Override
	public String click(String notificationId, String targetUrl) {
		if (!isWebUrl(targetUrl)) {
			throw new IllegalArgumentException("Only absolute http(s) URLs can be click-tracked");
		}
		return base(notificationId) + "/click?u=" + URLEncoder.encode(targetUrl, StandardCharsets.UTF_8) + "&sig="
				+ sign(keys.get(0), CLICK, notificationId, targetUrl);
	}

	/** Whether {@code signature} is ours for the open of this notification. */
	public boolean verifiesOpen(String notificationId, String signature) {
		return verifies(OPEN, notificationId, "", signature);
	}

	/** Whether {@code signature} is ours for a click of this notification on exactly this URL. */
	public boolean verifiesClick(String notificationId, String targetUrl, String signature) {
		return targetUrl != null && verifies(CLICK, notificationId, targetUrl, signature);
	}

	/** Whether a URL is absolute, http or https, with a host: the only kind we redirect to. */
	public static boolean isWebUrl(String url) {
		if (url == null || url.isBlank()) {
			return false;
		}
		try {
			var uri = new URI(url);
			var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	private boolean verifies(String purpose, String notificationId, String target, String signature) {
		if (notificationId == null || signature == null || signature.isBlank()) {
			return false;
		}
		byte[] presented;
		try {
			presented = Base64.getUrlDecoder().decode(signature.trim());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		var matched = false;
		for (var key : keys) {
			// every key, whichever matches: the time taken tells nothing
			matched |= MessageDigest.isEqual(mac(key, purpose, notificationId, target), presented);
		}
		return matched;
	}

	/** The signature of a link, under {@code key}. */
	static String sign(String key, String purpose, String notificationId, String target) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, purpose, notificationId, target));
	}

	private static byte[] mac(String key, String purpose, String notificationId, String target) {
		// length-prefixed, so no (id, target) pair reads as another
		var data = purpose + ":" + notificationId.length() + ":" + notificationId + ":" + target;
		return HmacSignatures.sign(key, data.getBytes(StandardCharsets.UTF_8));
	}

	private String base(String notificationId) {
		if (notificationId == null || notificationId.isBlank()) {
			throw new IllegalArgumentException("notificationId is required");
		}
		return baseUrl + BASE_PATH + "/" + UriUtils.encodePathSegment(notificationId, StandardCharsets.UTF_8);
	}

	private static String checked(String property, String secret) {
		if (secret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalStateException(property + " must be at least " + MIN_SECRET_LENGTH + " characters");
		}
		return secret;
	}

	@Override
	public String toString() {
		// never the keys
		return "EngagementLinks[" + baseUrl + "]";
	}

}
