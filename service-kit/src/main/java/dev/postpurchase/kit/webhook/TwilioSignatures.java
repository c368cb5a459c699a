package dev.postpurchase.kit.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's request signature, {@code X-Twilio-Signature}: the base64 HMAC-SHA1, keyed with the
 * account's auth token, of the full URL Twilio called (the status callback URL we gave it, with its
 * query string) followed by every POST parameter, sorted by name, as name then value with no
 * separators (a repeated parameter once per distinct value, values sorted). Twilio signs neither a timestamp nor an id, so a receiver must be idempotent.
 */
public final class TwilioSignatures {

	/** The header Twilio puts the signature in. */
	public static final String HEADER = "X-Twilio-Signature";

	private static final String ALGORITHM = "HmacSHA1";

	private TwilioSignatures() {
	}

	/** The signature of a request, as Twilio computes it (and the simulators and tests do). */
	public static String sign(String authToken, String url, Map<String, List<String>> params) {
		var data = new StringBuilder(url);
		new TreeMap<>(params).forEach((name, values) -> values.stream().distinct().sorted()
			.forEach(value -> data.append(name).append(value)));
		try {
			var mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA1 unavailable", ex);
		}
	}

	/**
	 * Whether {@code signature} is the signature of the request under one of the auth tokens (the
	 * current one and, during a rotation, the secondary), compared in constant time.
	 */
	public static boolean verify(Collection<String> authTokens, String url, Map<String, List<String>> params,
			String signature) {
		if (signature == null || signature.isBlank()) {
			return false;
		}
		var presented = signature.trim().getBytes(StandardCharsets.UTF_8);
		var matched = false;
		for (var token : authTokens) {
			if (token != null && !token.isBlank()) {
				matched |= MessageDigest.isEqual(sign(token, url, params).getBytes(StandardCharsets.UTF_8), presented);
			}
		}
		return matched;
	}

}
