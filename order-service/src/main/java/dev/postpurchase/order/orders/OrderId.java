package dev.postpurchase.order.orders;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * An order's id. Derived from the platform and the platform's own order id, so the same order sent
 * twice (or by two paths: a webhook and a Kafka message) always gets the same id and is stored once.
 */
public record OrderId(String value) {

	private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

	public OrderId {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("order id must not be blank");
		}
	}

	/** The id of the order a platform knows as {@code externalOrderId}. */
	public static OrderId of(String source, String externalOrderId) {
		try {
			var digest = MessageDigest.getInstance("SHA-256")
				.digest((source.toLowerCase(Locale.ROOT) + "\n" + externalOrderId).getBytes(StandardCharsets.UTF_8));
			var id = new StringBuilder("ord_");
			// 20 base-32 characters: 100 bits, collisions are not a practical concern
			for (int i = 0; i < 20; i++) {
				int bit = i * 5;
				int chunk = ((digest[bit / 8] & 0xff) << 8 | (digest[bit / 8 + 1] & 0xff)) >> (11 - bit % 8) & 0x1f;
				id.append(ALPHABET.charAt(chunk));
			}
			return new OrderId(id.toString());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return value;
	}

}
