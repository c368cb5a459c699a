package dev.postpurchase.pages;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.postpurchase.kit.security.CustomerLinkSettings;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.testkit.DevIssuer;
import dev.postpurchase.testkit.TestInfrastructure;

/**
 * The HTTP stand-in of every backend (WireMock), started once per JVM: order-, notification-,
 * returns- and cx-metrics-service all answer from it (their paths differ). Tests stub what the
 * backend answers and verify what it was sent; each test uses its own order ids. Link tokens are
 * signed with a test key: the pages never check signatures, the real backends do.
 */
public final class BackendStandIn {

	private static final CustomerLinks LINKS = new CustomerLinks(new CustomerLinkSettings(
			List.of(new CustomerLinkSettings.SigningKey("test-1", "test-link-key-0123456789abcdefghijkl")),
			Duration.ofDays(30)), Clock.systemUTC());

	private static WireMockServer server;

	private BackendStandIn() {
	}

	/** The running server, started on first use. */
	public static synchronized WireMockServer get() {
		if (server == null) {
			server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
			server.start();
		}
		return server;
	}

	/** A valid link token for the order and purpose. */
	public static String token(String orderId, LinkPurpose purpose) {
		return LINKS.issue(orderId, purpose);
	}

	/** A link token that expired a minute ago. */
	public static String expiredToken(String orderId, LinkPurpose purpose) {
		return LINKS.issue(orderId, purpose, Duration.ofMinutes(-1));
	}

	/** An order id no other test uses. */
	public static String freshOrderId() {
		return "ORD-" + UUID.randomUUID();
	}

	/**
	 * Points every backend at the stand-in, and the resource server (the ops page's bearer tokens) at
	 * test-kit's development issuer, whose tokens {@link dev.postpurchase.testkit.TestTokens} hands out.
	 * Only the issuer: the pages need no Kafka nor MongoDB, so not the whole test infrastructure.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		DynamicPropertyRegistrar backendProperties() {
			return registry -> {
				registry.add("pages.backends.order-service", () -> get().baseUrl());
				registry.add("pages.backends.notification-service", () -> get().baseUrl());
				registry.add("pages.backends.returns-service", () -> get().baseUrl());
				registry.add("pages.backends.cx-metrics-service", () -> get().baseUrl());
				for (var name : List.of(DevIssuer.JWK_SET_URI_PROPERTY, DevIssuer.ISSUER_URI_PROPERTY,
						DevIssuer.AUDIENCES_PROPERTY)) {
					registry.add(name, () -> TestInfrastructure.issuer().resourceServerProperties().get(name));
				}
			};
		}

	}

}
