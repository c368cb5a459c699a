package dev.postpurchase.kit.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 webhook signatures (Shopify's {@code X-Shopify-Hmac-Sha256}, AfterShip's
 * {@code aftership-hmac-sha256}, provider callbacks): computed over the raw request body, compared
 * in constant time so response timing reveals nothing about the expected signature. Receivers use
 * {@link WebhookVerifier}, which also handles secret rotation and counts failures.
 */
public final class HmacSignatures {

	private static final String ALGORITHM = "HmacSHA256";

	private HmacSignatures() {
	}

	/** Whether {@code signature} is the base64 HMAC-SHA256 of {@code body} under {@code secret}. */
	public static boolean verifyBase64(String secret, byte[] body, String signature) {
		if (signature == null || signature.isBlank() || secret == null || secret.isEmpty()) {
			return false;
		}
		byte[] presented;
		try {
			presented = Base64.getDecoder().decode(signature.trim());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(sign(secret, body), presented);
	}

	/** Whether {@code signature} is the hex HMAC-SHA256 of {@code body} under {@code secret}. */
	public static boolean verifyHex(String secret, byte[] body, String signature) {
		if (signature == null || signature.isBlank() || secret == null || secret.isEmpty()) {
			return false;
		}
		byte[] presented;
		try {
			presented = HexFormat.of().parseHex(signature.trim().toLowerCase());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(sign(secret, body), presented);
	}

	/** The base64 signature of a body, as a sender computes it (tests, the demo, simulators). */
	public static String signBase64(String secret, byte[] body) {
		return Base64.getEncoder().encodeToString(sign(secret, body));
	}

	/** The hex signature of a body, as a sender computes it (tests, simulators). */
	public static String signHex(String secret, byte[] body) {
		return HexFormat.of().formatHex(sign(secret, body));
	}

	/** The raw HMAC-SHA256 of a body. */
	public static byte[] sign(String secret, byte[] body) {
		try {
			var mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

}
