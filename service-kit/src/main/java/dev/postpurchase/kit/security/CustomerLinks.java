package dev.postpurchase.kit.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.postpurchase.kit.web.Problems;

/**
 * Signed, expiring tokens for the links customers get (tracking page, return request, survey,
 * preferences). Customers never log in: the token is their authorization, for one order and one
 * purpose. Compact JWS (HS256) with the key id in the header; two or more keys are accepted during a
 * rotation.
 *
 * <p>Every customer endpoint calls {@link #authorize} with the order it is about to read or change,
 * so a token for order A never reaches order B (OWASP API1, broken object-level authorization).
 */
public class CustomerLinks {

	private static final Logger log = LoggerFactory.getLogger(CustomerLinks.class);

	static final String PURPOSE_CLAIM = "purpose";

	static final int MIN_SECRET_LENGTH = 32;

	private final Map<String, byte[]> keys = new LinkedHashMap<>();

	private final String signingKeyId;

	private final Duration ttl;

	private final Clock clock;

	public CustomerLinks(CustomerLinkSettings settings, Clock clock) {
		for (var key : settings.keys()) {
			if (key.id() == null || key.id().isBlank() || key.secret() == null
					|| key.secret().length() < MIN_SECRET_LENGTH) {
				throw new IllegalStateException("Customer link key " + key.id() + " needs an id and a secret of at least "
						+ MIN_SECRET_LENGTH + " characters");
			}
			keys.put(key.id(), key.secret().getBytes(StandardCharsets.UTF_8));
		}
		if (keys.isEmpty()) {
			// development only: SecretsGuard refuses to start the prod profile without configured keys
			var ephemeral = new byte[32];
			new SecureRandom().nextBytes(ephemeral);
			keys.put("ephemeral-" + UUID.randomUUID(), Base64.getUrlEncoder().encode(ephemeral));
			log.warn("No customer link keys configured (postpurchase.security.customer-links.keys): using an "
					+ "ephemeral key, links will not survive a restart");
		}
		this.signingKeyId = keys.keySet().iterator().next();
		this.ttl = settings.ttl();
		this.clock = clock;
	}

	/** A token for one order and purpose, valid for the configured time. */
	public String issue(String orderId, LinkPurpose purpose) {
		return issue(orderId, purpose, ttl);
	}

	/** A token for one order and purpose, valid for {@code validFor}. */
	public String issue(String orderId, LinkPurpose purpose, Duration validFor) {
		var now = clock.instant();
		var claims = new JWTClaimsSet.Builder().subject(orderId)
			.claim(PURPOSE_CLAIM, purpose.name())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(validFor)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(signingKeyId).build(), claims);
		try {
			jwt.sign(new MACSigner(keys.get(signingKeyId)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a customer link", ex);
		}
		return jwt.serialize();
	}

	/**
	 * Checks that {@code token} is a valid, unexpired link for {@code purpose} on {@code orderId}: 401
	 * when the token is missing, malformed, tampered with, signed by an unknown key or expired; 403
	 * when it is valid but for another order or purpose.
	 */
	public void authorize(String token, LinkPurpose purpose, String orderId) {
		var claims = verify(token);
		if (!purpose.name().equals(claims.getClaim(PURPOSE_CLAIM)) || !orderId.equals(claims.getSubject())) {
			throw Problems.of(HttpStatus.FORBIDDEN, "This link does not grant access to this order");
		}
	}

	/** The order a valid link for {@code purpose} is about; 401 as in {@link #authorize}. */
	public String orderOf(String token, LinkPurpose purpose) {
		var claims = verify(token);
		if (!purpose.name().equals(claims.getClaim(PURPOSE_CLAIM))) {
			throw Problems.of(HttpStatus.FORBIDDEN, "This link is not for this page");
		}
		return claims.getSubject();
	}

	private JWTClaimsSet verify(String token) {
		if (token == null || token.isBlank()) {
			throw unauthorized("A link token is required");
		}
		try {
			var jwt = SignedJWT.parse(token.trim());
			var key = keys.get(jwt.getHeader().getKeyID());
			if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || key == null
					|| !jwt.verify(new MACVerifier(key))) {
				throw unauthorized("This link is not valid");
			}
			var claims = jwt.getJWTClaimsSet();
			if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(clock.instant())) {
				throw unauthorized("This link has expired");
			}
			if (claims.getSubject() == null) {
				throw unauthorized("This link is not valid");
			}
			return claims;
		}
		catch (ParseException | JOSEException ex) {
			throw unauthorized("This link is not valid");
		}
	}

	private static ErrorResponseException unauthorized(String detail) {
		return Problems.of(HttpStatus.UNAUTHORIZED, detail);
	}

}
