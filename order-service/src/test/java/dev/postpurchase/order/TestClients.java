package dev.postpurchase.order;

import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.testkit.TestTokens;

/** Web clients with the bearer tokens of the callers a test plays. */
public final class TestClients {

	private TestClients() {
	}

	/**
	 * A back-office caller that may place, change and read orders and log contacts: for tests about
	 * behaviour, not about authorization (those use single-scope tokens).
	 */
	public static WebTestClient backOffice(WebTestClient web) {
		var token = TestTokens.of("orders:write", "orders:read", "support");
		return web.mutate().defaultHeaders(headers -> headers.setBearerAuth(token)).build();
	}

}
