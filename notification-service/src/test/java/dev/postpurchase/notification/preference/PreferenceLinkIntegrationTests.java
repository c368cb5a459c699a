package dev.postpurchase.notification.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import dev.postpurchase.contracts.order.OrderPlaced;
import dev.postpurchase.kit.security.CustomerLinks;
import dev.postpurchase.kit.security.LinkPurpose;
import dev.postpurchase.notification.Messages;
import dev.postpurchase.notification.Messages.Order;
import dev.postpurchase.notification.NotificationServiceIntegrationTest;
import dev.postpurchase.notification.recipient.Recipients;
import dev.postpurchase.testkit.TestTokens;

/**
 * Customers read and change their preferences, and unsubscribe in one click, through the signed
 * PREFERENCES link of one of their orders.
 */
@NotificationServiceIntegrationTest
class PreferenceLinkIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final String PREFERENCES = "/api/v1/customer/orders/{orderId}/preferences?token={token}";

	private static final String UNSUBSCRIBE = "/api/v1/customer/orders/{orderId}/unsubscribe?token={token}";

	@Autowired
	WebTestClient web;

	@Autowired
	CustomerLinks links;

	@Autowired
	Recipients recipients;

	@Autowired
	ReactiveMongoTemplate mongo;

	private final Messages messages = new Messages();

	@Test
	void aPreferencesLinkShowsAndChangesTheOrdersCustomersPreferencesWithoutContactData() {
		var order = placed();
		var token = links.issue(order.orderId(), LinkPurpose.PREFERENCES);

		var shown = web.get().uri(PREFERENCES, order.orderId(), token)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.orderId").isEqualTo(order.orderId())
			.jsonPath("$.customerId").doesNotExist()
			.jsonPath("$.channels.EMAIL").isEqualTo(true)
			.jsonPath("$.channels.SMS").isEqualTo(true)
			.jsonPath("$.channels.WHATSAPP").isEqualTo(true)
			.jsonPath("$.updatedBy").isEmpty()
			.returnResult().getResponseBody();
		assertThat(new String(shown, StandardCharsets.UTF_8)).doesNotContain(order.email(), order.customerId(),
				"Sanne");

		var changed = web.put().uri(PREFERENCES, order.orderId(), token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"channels": {"EMAIL": false}, "language": "nl", "quietHours": {"start": "22:00", "end": "07:30"}}""")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.channels.EMAIL").isEqualTo(false)
			.jsonPath("$.channels.SMS").isEqualTo(true)
			.jsonPath("$.language").isEqualTo("nl")
			.jsonPath("$.quietHours.start").isEqualTo("22:00")
			.jsonPath("$.updatedBy").isEqualTo("customer-link")
			.returnResult().getResponseBody();
		assertThat(new String(changed, StandardCharsets.UTF_8)).doesNotContain(order.email(), order.customerId());

		// the change is the customer's, for all their orders: agents see it by customer id
		web.get().uri("/api/v1/customers/{customerId}/preferences", order.customerId())
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.channels.EMAIL").isEqualTo(false)
			.jsonPath("$.language").isEqualTo("nl")
			.jsonPath("$.quietHours.end").isEqualTo("07:30")
			.jsonPath("$.updatedBy").isEqualTo("customer-link");
		web.get().uri(PREFERENCES, order.orderId(), token)
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.channels.EMAIL").isEqualTo(false)
			.jsonPath("$.language").isEqualTo("nl");
	}

	@Test
	void anAgentsChangeShowsTheCustomerThatSupportMadeItNotWho() {
		var order = placed();
		web.put().uri("/api/v1/customers/{customerId}/preferences", order.customerId())
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"channels\": {\"SMS\": false}}")
			.exchange()
			.expectStatus().isOk();

		web.get().uri(PREFERENCES, order.orderId(), links.issue(order.orderId(), LinkPurpose.PREFERENCES))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.channels.SMS").isEqualTo(false)
			.jsonPath("$.updatedBy").isEqualTo("support");
	}

	@Test
	void theLinkOfAnotherOrderIsForbiddenAndChangesNothing() {
		var mine = placed();
		var theirs = placed();
		var token = links.issue(mine.orderId(), LinkPurpose.PREFERENCES);

		for (var call : everyCall(theirs.orderId(), token)) {
			call.expectStatus().isForbidden()
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		}

		assertThat(stored(theirs.customerId())).isNull();
		assertThat(stored(mine.customerId())).isNull();
	}

	@Test
	void aLinkForAnotherPurposeIsForbidden() {
		var order = placed();
		var tracking = links.issue(order.orderId(), LinkPurpose.TRACKING);

		for (var call : everyCall(order.orderId(), tracking)) {
			call.expectStatus().isForbidden();
		}

		assertThat(stored(order.customerId())).isNull();
	}

	@Test
	void aTamperedExpiredOrMissingLinkIsUnauthorized() {
		var mine = placed();
		var theirs = placed();
		// my valid link, its order rewritten to theirs, signature kept
		var parts = links.issue(mine.orderId(), LinkPurpose.PREFERENCES).split("\\.");
		var claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace(mine.orderId(), theirs.orderId());
		var tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
			.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
		var expired = links.issue(theirs.orderId(), LinkPurpose.PREFERENCES, Duration.ofSeconds(-1));

		for (var token : new String[] { tampered, expired, "", "not-a-token" }) {
			for (var call : everyCall(theirs.orderId(), token)) {
				call.expectStatus().isUnauthorized()
					.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			}
		}
		web.get().uri("/api/v1/customer/orders/{orderId}/preferences", theirs.orderId())
			.exchange()
			.expectStatus().isUnauthorized();

		assertThat(stored(theirs.customerId())).isNull();
	}

	@Test
	void oneClickUnsubscribeFromEmailSwitchesOffOnlyEmail() {
		var order = placed();
		var token = links.issue(order.orderId(), LinkPurpose.PREFERENCES);

		web.post().uri(UNSUBSCRIBE + "&channel=EMAIL", order.orderId(), token)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("List-Unsubscribe=One-Click")
			.exchange()
			.expectStatus().isOk()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.jsonPath("$.orderId").isEqualTo(order.orderId())
			.jsonPath("$.channels.EMAIL").isEqualTo(false)
			.jsonPath("$.channels.SMS").isEqualTo(true)
			.jsonPath("$.channels.WHATSAPP").isEqualTo(true)
			.jsonPath("$.updatedBy").isEqualTo("customer-link");

		var document = stored(order.customerId());
		assertThat(document.getList("optedOut", String.class)).containsExactly("EMAIL");
		assertThat(document.getString("updatedBy")).isEqualTo("customer-link");
	}

	@Test
	void oneClickUnsubscribeWithoutAChannelSwitchesOffEveryChannelAndKeepsTheRest() {
		var order = placed();
		var token = links.issue(order.orderId(), LinkPurpose.PREFERENCES);
		web.put().uri(PREFERENCES, order.orderId(), token)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"channels\": {\"SMS\": false}, \"language\": \"de\"}")
			.exchange()
			.expectStatus().isOk();

		web.post().uri(UNSUBSCRIBE, order.orderId(), token)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("List-Unsubscribe=One-Click")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.channels.EMAIL").isEqualTo(false)
			.jsonPath("$.channels.SMS").isEqualTo(false)
			.jsonPath("$.channels.WHATSAPP").isEqualTo(false)
			.jsonPath("$.language").isEqualTo("de");

		assertThat(stored(order.customerId()).getList("optedOut", String.class))
			.containsExactlyInAnyOrder("EMAIL", "SMS", "WHATSAPP");
	}

	@Test
	void anUnknownChannelToUnsubscribeFromIsABadRequest() {
		var order = placed();
		web.post().uri(UNSUBSCRIBE + "&channel=FAX", order.orderId(), links.issue(order.orderId(), LinkPurpose.PREFERENCES))
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail").value(String.class, detail -> assertThat(detail).startsWith("channel:"));
		assertThat(stored(order.customerId())).isNull();
	}

	@Test
	void anInvalidBodyThroughTheLinkGetsTheSameProblemsAsAgents() {
		var order = placed();
		web.put().uri(PREFERENCES, order.orderId(), links.issue(order.orderId(), LinkPurpose.PREFERENCES))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"timeZone\": \"Atlantis/Capital\"}")
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0]").value(String.class, error -> assertThat(error).startsWith("timeZone:"));
		assertThat(stored(order.customerId())).isNull();
	}

	@Test
	void aValidLinkForAnOrderThatIsUnknownHereOrHasNoCustomerIsNotFound() {
		var unknown = Order.fresh();
		var withoutCustomer = Order.fresh();
		// as an erased recipient would look without its customer id
		mongo.insert(new Document("_id", withoutCustomer.orderId()).append("emailConsent", false)
			.append("smsConsent", false)
			.append("whatsappConsent", false)
			.append("updatedAt", new Date())
			.append("erasedAt", new Date()), "recipients").block();

		for (var orderId : new String[] { unknown.orderId(), withoutCustomer.orderId() }) {
			for (var call : everyCall(orderId, links.issue(orderId, LinkPurpose.PREFERENCES))) {
				call.expectStatus().isNotFound()
					.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			}
		}
	}

	/** GET, PUT and unsubscribe of an order's preferences with this token. */
	private ResponseSpec[] everyCall(String orderId, String token) {
		return new ResponseSpec[] { web.get().uri(PREFERENCES, orderId, token).exchange(),
				web.put().uri(PREFERENCES, orderId, token)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"channels\": {\"EMAIL\": false}}")
					.exchange(),
				web.post().uri(UNSUBSCRIBE, orderId, token)
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.bodyValue("List-Unsubscribe=One-Click")
					.exchange() };
	}

	/** A new order whose OrderPlaced notification-service has taken in. */
	private Order placed() {
		var order = Order.fresh();
		messages.publishOrderEvent(OrderPlaced.TYPE, messages.orderPlaced(order, "en-GB", true));
		await().atMost(TIMEOUT).until(() -> recipients.of(order.orderId()).blockOptional().isPresent());
		return order;
	}

	private Document stored(String customerId) {
		return mongo.findById(customerId, Document.class, Preferences.COLLECTION).block();
	}

}
