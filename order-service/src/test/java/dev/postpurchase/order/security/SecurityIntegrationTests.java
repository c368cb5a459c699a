package dev.postpurchase.order.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.order.OrderServiceIntegrationTest;
import dev.postpurchase.order.TestOrders;
import dev.postpurchase.testkit.TestInfrastructure;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.JsonNode;

/** Who may call what: bearer scopes for machines and staff, signed links for customers. */
@OrderServiceIntegrationTest
class SecurityIntegrationTests {

	@Autowired
	WebTestClient web;

	@Autowired
	CustomerLinks links;

	@Test
	void withoutATokenEveryApiAnswers401AsAProblem() {
		web.get().uri("/api/v1/orders/ord_x").exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.detail").isEqualTo("A bearer token is required");
		web.post().uri("/api/v1/orders").bodyValue(TestOrders.order()).exchange().expectStatus().isUnauthorized();
		web.get().uri("/api/v1/orders?customerId=c").exchange().expectStatus().isUnauthorized();
		web.post().uri("/api/v1/admin/customers/c/erasure").exchange().expectStatus().isUnauthorized();
		web.get().uri("/not/an/endpoint").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aPathTheFirewallRefusesGets400AsAProblemThatDoesNotRepeatIt() {
		// the id's slashes are sent encoded (%2F)
		var body = web.get().uri("/api/v1/orders/{id}", "ord_a/../admin")
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(JsonNode.class).returnResult().getResponseBody();

		assertThat(body.get("status").asInt()).isEqualTo(400);
		assertThat(body.get("detail").asString()).contains("path or method is not allowed");
		assertThat(body.has("instance")).isFalse();
		assertThat(body.toString()).doesNotContain("admin");
	}

	@Test
	void aTokenWithoutTheScopeGets403() {
		var analyst = TestTokens.of("metrics:read");
		web.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(analyst)).bodyValue(TestOrders.order()).exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
		var reader = TestTokens.of("orders:read");
		web.post().uri("/api/v1/orders/ord_x/cancel").headers(h -> h.setBearerAuth(reader)).exchange()
			.expectStatus().isForbidden();
		web.post().uri("/api/v1/orders/ord_x/contacts").headers(h -> h.setBearerAuth(reader))
			.bodyValue(Map.of("channel", "CHAT")).exchange()
			.expectStatus().isForbidden();
		var agent = TestTokens.of("orders:read", "support");
		web.post().uri("/api/v1/admin/customers/c/erasure").headers(h -> h.setBearerAuth(agent)).exchange()
			.expectStatus().isForbidden();
		var platform = TestTokens.of("orders:write");
		web.get().uri("/api/v1/orders/ord_x").headers(h -> h.setBearerAuth(platform)).exchange()
			.expectStatus().isForbidden();
	}

	@Test
	void theRightScopeGetsIn() {
		var platform = TestTokens.of("orders:write");
		var id = web.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(platform)).bodyValue(TestOrders.order())
			.exchange()
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
		web.get().uri("/api/v1/orders/{id}", id).headers(h -> h.setBearerAuth(TestTokens.of("orders:read"))).exchange()
			.expectStatus().isOk();
		web.get().uri("/api/v1/orders/{id}/status", id).headers(h -> h.setBearerAuth(TestTokens.of("support"))).exchange()
			.expectStatus().isOk();
	}

	@Test
	void expiredForgedAndForeignAudienceTokensGet401() {
		var issuer = TestInfrastructure.issuer();
		for (var token : new String[] { issuer.mintExpired("agent-1", "orders:read"),
				issuer.mintWithForeignKey("agent-1", Duration.ofHours(1), "orders:read"), "not.a.jwt" }) {
			web.get().uri("/api/v1/orders/ord_x").headers(h -> h.setBearerAuth(token)).exchange()
				.expectStatus().isUnauthorized()
				.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		}
	}

	@Test
	void probesAndMetricsStayOpenAndResponsesCarrySecurityHeaders() {
		web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		web.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
		web.get().uri("/api/v1/orders/ord_x").exchange()
			.expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
			.expectHeader().valueEquals("X-Frame-Options", "DENY")
			.expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
	}

	@Test
	void theOpenApiDocumentShowsTheRulesThatAreEnforced() {
		web.get().uri("/v3/api-docs").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer")
			.jsonPath("$.paths['/api/v1/orders'].post.security[0].bearer[0]").isEqualTo("orders:write")
			.jsonPath("$.paths['/api/v1/orders/{id}/status'].get.security[0].bearer").value(scopes ->
					assertThat(scopes.toString()).contains("orders:read", "support"))
			.jsonPath("$.paths['/api/v1/admin/customers/{customerId}/erasure'].post.security[0].bearer[0]").isEqualTo("admin")
			.jsonPath("$.paths['/webhooks/shopify'].post.security.length()").isEqualTo(0)
			.jsonPath("$.paths['/webhooks/shopify'].post.description").value(description ->
					assertThat((String) description).contains("X-Shopify-Hmac-Sha256"));
	}

	@Test
	void aCustomerLinkOpensItsOrderAndNoOther() {
		var platform = TestTokens.of("orders:write");
		var mine = place(platform);
		var theirs = place(platform);
		var token = web.post().uri("/api/v1/orders/{id}/customer-links", mine)
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.bodyValue(Map.of("purpose", "TRACKING"))
			.exchange()
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("token").asString();

		web.get().uri("/api/v1/customer/orders/{id}?token={t}", mine, token).exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.orderId").isEqualTo(mine)
			.jsonPath("$.items[0].name").isEqualTo("T-shirt, M")
			.jsonPath("$.customerId").doesNotExist()
			.jsonPath("$.customer").doesNotExist();
		// the same token on another order: refused, and nothing about that order is revealed
		web.get().uri("/api/v1/customer/orders/{id}?token={t}", theirs, token).exchange()
			.expectStatus().isForbidden()
			.expectBody().jsonPath("$.orderId").doesNotExist();
		web.get().uri("/api/v1/customer/orders/{id}?token={t}", mine, links.issue(mine, LinkPurpose.SURVEY)).exchange()
			.expectStatus().isForbidden();
		web.get().uri("/api/v1/customer/orders/{id}?token={t}", mine,
				links.issue(mine, LinkPurpose.TRACKING, Duration.ofSeconds(-1))).exchange()
			.expectStatus().isUnauthorized();
		web.get().uri("/api/v1/customer/orders/{id}?token={t}", mine, token.substring(0, token.length() - 2) + "xx")
			.exchange()
			.expectStatus().isUnauthorized();
		web.get().uri("/api/v1/customer/orders/{id}", mine).exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aFloodOnAPublicEndpointGets429WithRetryAfter() {
		var flooder = "203.0.113.77";
		var limited = 0;
		String retryAfter = null;
		for (int i = 0; i < 3000 && limited == 0; i++) {
			var result = web.get().uri("/api/v1/customer/orders/ord_x?token=x")
				.header("X-Forwarded-For", flooder)
				.exchange()
				.returnResult(String.class);
			if (result.getStatus().value() == 429) {
				limited = i;
				retryAfter = result.getResponseHeaders().getFirst("Retry-After");
			}
		}
		// the burst of 600, plus what refilled (10 a second) while the loop ran: however slow the machine, the
		// burst is granted whole and the flood is stopped
		assertThat(limited).as("requests before the limit").isBetween(600, 2999);
		assertThat(retryAfter).isNotBlank();
		// other callers are not affected
		web.get().uri("/api/v1/customer/orders/ord_x?token=x").header("X-Forwarded-For", "198.51.100.9").exchange()
			.expectStatus().isUnauthorized();
	}

	private String place(String token) {
		return web.post().uri("/api/v1/orders").headers(h -> h.setBearerAuth(token)).bodyValue(TestOrders.order())
			.exchange()
			.expectStatus().isCreated()
			.expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asString();
	}

}
