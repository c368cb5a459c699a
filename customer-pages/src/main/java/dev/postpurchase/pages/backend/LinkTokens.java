package dev.postpurchase.pages.backend;

import java.text.ParseException;
import java.time.Clock;

import org.springframework.stereotype.Component;

import com.nimbusds.jwt.SignedJWT;

import dev.postpurchase.kit.security.LinkPurpose;

/**
 * A look at a link token's claims WITHOUT checking its signature (the pages hold no keys): only to
 * show the "expired or not for this order" page at once, on pages whose first view calls no backend
 * (the survey). It never grants anything: the backend verifies the token on every call.
 */
@Component
public class LinkTokens {

	private final Clock clock;

	LinkTokens(Clock clock) {
		this.clock = clock;
	}

	/** Whether the token is plainly unusable: missing, malformed, expired, or for another order or page. */
	public boolean plainlyRefused(String token, LinkPurpose purpose, String orderId) {
		if (token == null || token.isBlank()) {
			return true;
		}
		try {
			var claims = SignedJWT.parse(token.trim()).getJWTClaimsSet();
			return claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().isAfter(clock.instant())
					|| !orderId.equals(claims.getSubject()) || !purpose.name().equals(claims.getClaim("purpose"));
		}
		catch (ParseException | RuntimeException ex) {
			return true;
		}
	}

}
