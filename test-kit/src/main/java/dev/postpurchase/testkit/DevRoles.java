package dev.postpurchase.testkit;

import java.util.List;

/**
 * The ready-made identities of the {@link DevIssuer}: who calls the platform, with which scopes.
 * The local stack writes one token per role; tests mint them with {@link TestTokens#of(DevRoles)}.
 */
public enum DevRoles {

	/** An e-commerce platform: places, cancels and fulfills orders. */
	PLATFORM("platform", "orders:write"),

	/** A carrier or tracking aggregator: sends tracking updates, registers shipments. */
	CARRIER("carrier", "tracking:write"),

	/** A support agent: reads orders and their status, logs contacts. */
	AGENT("agent", "orders:read", "support"),

	/** An agent handling returns. */
	RETURNS_AGENT("returns-agent", "returns:write", "orders:read"),

	/** Dashboards and analysts: the KPIs. */
	ANALYST("analyst", "metrics:read"),

	/** An operator: dead-letter replay, erasure, rebuilds. */
	ADMIN("admin", "admin", "orders:read");

	private final String id;

	private final List<String> scopes;

	DevRoles(String id, String... scopes) {
		this.id = id;
		this.scopes = List.of(scopes);
	}

	/** The role's name, e.g. {@code returns-agent}: its key in the local stack's tokens.json. */
	public String id() {
		return this.id;
	}

	/** The token's subject ({@code sub}) for this role, e.g. {@code dev-agent}. */
	public String subject() {
		return "dev-" + this.id;
	}

	public List<String> scopes() {
		return this.scopes;
	}
}
