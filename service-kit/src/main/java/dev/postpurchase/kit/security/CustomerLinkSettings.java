package dev.postpurchase.kit.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys of the signed customer links.
 *
 * @param keys signing keys, the first signs new links and every one is accepted: to rotate, put the
 *     new key first and drop the old one once the links it signed have expired
 * @param ttl how long a link stays valid unless the issuer says otherwise
 */
@ConfigurationProperties("postpurchase.security.customer-links")
public record CustomerLinkSettings(@DefaultValue List<SigningKey> keys, @DefaultValue("30d") Duration ttl) {

	/**
	 * @param id names the key in the token's header ({@code kid}), so verification needs no guessing
	 * @param secret at least 32 characters of randomness
	 */
	public record SigningKey(String id, String secret) {

		@Override
		public String toString() {
			// never print the secret
			return "SigningKey[id=" + id + "]";
		}

	}

}
