package dev.postpurchase.returns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * The HTTP stand-in of the payment provider (Stripe's Refunds API, WireMock), started once per JVM.
 * By default every refund succeeds; {@link #fail} makes them fail until {@link #heal}. Tests tell
 * their refunds apart by the {@code metadata[return_id]} field.
 */
public final class PaymentStandIn {

	public static final String SECRET_KEY = "sk_test_returns_0123456789";

	private static WireMockServer server;

	private static StubMapping failing;

	private PaymentStandIn() {
	}

	public static synchronized WireMockServer get() {
		if (server == null) {
			server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
			server.start();
			server.stubFor(post(urlEqualTo("/v1/refunds")).atPriority(10)
				.willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"id\":\"re_{{randomValue length=24 type='ALPHANUMERIC'}}\",\"object\":\"refund\","
							+ "\"status\":\"succeeded\",\"currency\":\"eur\"}")
					.withTransformers("response-template")));
		}
		return server;
	}

	public static String baseUrl() {
		return get().baseUrl();
	}

	/** Every refund fails with {@code response} until {@link #heal}. */
	public static synchronized void fail(ResponseDefinitionBuilder response) {
		heal();
		failing = get().stubFor(post(urlEqualTo("/v1/refunds")).atPriority(1).willReturn(response));
	}

	public static synchronized void heal() {
		if (failing != null) {
			get().removeStubMapping(failing);
			failing = null;
		}
	}

	/** The refund requests made for one return, oldest first. */
	public static List<LoggedRequest> refundsOf(String returnId) {
		return get().findAll(postRequestedFor(urlEqualTo("/v1/refunds")))
			.stream()
			.filter(request -> request.getBodyAsString().contains("metadata%5Breturn_id%5D=" + returnId))
			.toList();
	}

}
