package dev.postpurchase.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

class RateLimitFilterTests {

	private static final long SECOND = 1_000_000_000L;

	private final RateLimitFilter filter = new RateLimitFilter(new RateLimitSettings(List.of("/webhooks/**"), 60, 2, List.of()),
			new SimpleMeterRegistry());

	@Test
	void grantsTheBurstThenOnePerSecondPerCaller() {
		for (int i = 0; i < 60; i++) {
			assertThat(filter.take("10.0.0.1", 0)).isZero();
		}
		assertThat(filter.take("10.0.0.1", 0)).isEqualTo(SECOND);
		assertThat(filter.take("10.0.0.2", 0)).as("another caller has its own bucket").isZero();
		assertThat(filter.take("10.0.0.1", SECOND)).isZero();
		assertThat(filter.take("10.0.0.1", SECOND)).isPositive();
	}

	@Test
	void forgetsTheLeastRecentCallersBeyondTheLimit() {
		for (int i = 0; i < 60; i++) {
			filter.take("10.0.0.1", 0);
		}
		filter.take("10.0.0.2", 0);
		filter.take("10.0.0.3", 0);
		assertThat(filter.take("10.0.0.1", 0)).as("forgotten, so a full bucket again").isZero();
	}

	@Test
	void behindTrustedProxiesTheCallerIsTheClientTheyForwardedFor() {
		var behindProxies = new RateLimitFilter(
				new RateLimitSettings(List.of("/api/v1/customer/**"), 60, 100, List.of("10.0.0.0/8", "127.0.0.1")),
				new SimpleMeterRegistry());
		// the pages (10.1.2.3) forward for an ingress (127.0.0.1), which forwarded for the client
		assertThat(behindProxies.caller(from("10.1.2.3", "203.0.113.7, 127.0.0.1"))).isEqualTo("203.0.113.7");
		// what a client writes left of the real hops is not believed
		assertThat(behindProxies.caller(from("10.1.2.3", "198.51.100.1, 203.0.113.7"))).isEqualTo("203.0.113.7");
		// the header from a client that is no trusted proxy is ignored
		assertThat(behindProxies.caller(from("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
		// a trusted proxy without the header is the caller itself
		assertThat(behindProxies.caller(from("10.1.2.3", null))).isEqualTo("10.1.2.3");
		// and without trusted proxies nothing forwarded counts
		assertThat(filter.caller(from("10.1.2.3", "203.0.113.7"))).isEqualTo("10.1.2.3");
	}

	@Test
	void aCustomerLinkOnAnEndpointAgentsShareIsLimitedToo() {
		// a customer's return request: POST /api/v1/returns?token=, the endpoint agents call with a bearer token
		assertThat(filter.group(MockServerHttpRequest.post("/api/v1/returns?token=t").build()))
			.contains(RateLimitFilter.CUSTOMER_LINK);
		assertThat(filter.group(MockServerHttpRequest.post("/api/v1/returns?token=t")
			.header("Authorization", "Bearer agent")
			.build())).as("an agent's request with a bearer token").isEmpty();
		assertThat(filter.group(MockServerHttpRequest.post("/api/v1/returns").build())).isEmpty();
		assertThat(filter.group(MockServerHttpRequest.post("/webhooks/shopify?token=t").build()))
			.as("a listed path keeps its own group").contains("/webhooks/**");
	}

	@Test
	void aCustomerLinkFloodGets429WithRetryAfter() {
		var oneAMinute = new RateLimitFilter(new RateLimitSettings(List.of("/webhooks/**"), 1, 10, List.of()),
				new SimpleMeterRegistry());
		var first = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/returns?token=t")
			.remoteAddress(new InetSocketAddress("203.0.113.7", 40000)));
		oneAMinute.filter(first, exchange -> Mono.empty()).block();
		assertThat(first.getResponse().getStatusCode()).isNull();
		var second = MockServerWebExchange.from(MockServerHttpRequest.post("/api/v1/returns?token=t")
			.remoteAddress(new InetSocketAddress("203.0.113.7", 40000)));
		oneAMinute.filter(second, exchange -> Mono.empty()).block();
		assertThat(second.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(second.getResponse().getHeaders().getFirst("Retry-After")).isNotBlank();
	}

	@Test
	void aTrustedProxyThatIsNoAddressStopsTheStart() {
		assertThatThrownBy(() -> new RateLimitFilter(
				new RateLimitSettings(List.of("/x"), 60, 100, List.of("proxy.internal")), new SimpleMeterRegistry()))
			.hasMessageContaining("trusted-proxies: proxy.internal is not an IP address or CIDR range");
	}

	private static MockServerWebExchange from(String peer, String forwardedFor) {
		var request = MockServerHttpRequest.get("/api/v1/customer/orders/o1")
			.remoteAddress(new InetSocketAddress(peer, 40000));
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		return MockServerWebExchange.from(request);
	}

}
