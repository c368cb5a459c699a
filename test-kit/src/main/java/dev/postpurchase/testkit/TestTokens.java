package dev.postpurchase.testkit;

import java.time.Duration;

/**
 * Bearer tokens from the JVM-wide {@link TestInfrastructure#issuer()}, which
 * {@link EnableTestInfrastructure} makes the services trust.
 *
 * <pre>{@code
 * web.get().uri("/api/v1/orders/{id}", id).headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
 * web.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(TestTokens.of(DevRoles.PLATFORM)))
 * }</pre>
 */
public final class TestTokens {

	/** How long a token from {@link #of} stays valid. */
	public static final Duration TTL = Duration.ofHours(1);

	/** The subject of tokens minted for bare scopes. */
	public static final String SUBJECT = "test-client";

	private TestTokens() {
	}

	/** A token with exactly these scopes (none: a valid token that grants nothing). */
	public static String of(String... scopes) {
		return TestInfrastructure.issuer().mint(SUBJECT, TTL, scopes);
	}

	/** A token for one of the ready-made roles. */
	public static String of(DevRoles role) {
		return TestInfrastructure.issuer().mint(role, TTL);
	}

	/** A token with these scopes that expired an hour ago. */
	public static String expired(String... scopes) {
		return TestInfrastructure.issuer().mintExpired(SUBJECT, scopes);
	}

	/** A token with these scopes, signed by a key the services do not trust. */
	public static String forged(String... scopes) {
		return TestInfrastructure.issuer().mintWithForeignKey(SUBJECT, TTL, scopes);
	}
}
