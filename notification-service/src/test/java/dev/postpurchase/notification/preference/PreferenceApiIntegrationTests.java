package dev.postpurchase.notification.preference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.postpurchase.notification.NotificationServiceIntegrationTest;
import dev.postpurchase.testkit.MutableClock;
import dev.postpurchase.testkit.TestTokens;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Agents read and change a customer's notification preferences. */
@NotificationServiceIntegrationTest
class PreferenceApiIntegrationTests {

	private static final String PATH = "/api/v1/customers/{customerId}/preferences";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	WebTestClient web;

	@Autowired
	ReactiveMongoTemplate mongo;

	@Autowired
	MutableClock clock;

	@Test
	void aCustomerWhoNeverChoseGetsEveryChannelAndNoOverrides() {
		var customerId = freshCustomer();
		for (var scope : List.of("orders:read", "support")) {
			web.get().uri(PATH, customerId)
				.headers(h -> h.setBearerAuth(TestTokens.of(scope)))
				.exchange()
				.expectStatus().isOk()
				.expectBody()
				.jsonPath("$.customerId").isEqualTo(customerId)
				.jsonPath("$.channels.EMAIL").isEqualTo(true)
				.jsonPath("$.channels.SMS").isEqualTo(true)
				.jsonPath("$.channels.WHATSAPP").isEqualTo(true)
				.jsonPath("$.language").isEmpty()
				.jsonPath("$.quietHours").isEmpty()
				.jsonPath("$.timeZone").isEmpty()
				.jsonPath("$.updatedAt").isEmpty()
				.jsonPath("$.updatedBy").isEmpty();
		}
		// reading stores nothing
		assertThat(stored(customerId)).isNull();
	}

	@Test
	void aPutIsStoredAndReadBackWithTheAgentWhoMadeIt() {
		var customerId = freshCustomer();
		web.put().uri(PATH, customerId)
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"channels": {"SMS": false, "EMAIL": true}, "language": "DE",
					 "quietHours": {"start": "21:00", "end": "08:00"}, "timeZone": "Europe/Berlin"}""")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.customerId").isEqualTo(customerId)
			.jsonPath("$.channels.EMAIL").isEqualTo(true)
			.jsonPath("$.channels.SMS").isEqualTo(false)
			.jsonPath("$.channels.WHATSAPP").isEqualTo(true)
			.jsonPath("$.language").isEqualTo("de")
			.jsonPath("$.quietHours.start").isEqualTo("21:00")
			.jsonPath("$.quietHours.end").isEqualTo("08:00")
			.jsonPath("$.timeZone").isEqualTo("Europe/Berlin")
			.jsonPath("$.updatedBy").isEqualTo("agent:" + TestTokens.SUBJECT)
			.jsonPath("$.updatedAt").isNotEmpty();

		web.get().uri(PATH, customerId)
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:read")))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.channels.SMS").isEqualTo(false)
			.jsonPath("$.channels.EMAIL").isEqualTo(true)
			.jsonPath("$.language").isEqualTo("de")
			.jsonPath("$.quietHours.start").isEqualTo("21:00")
			.jsonPath("$.quietHours.end").isEqualTo("08:00")
			.jsonPath("$.timeZone").isEqualTo("Europe/Berlin")
			.jsonPath("$.updatedBy").isEqualTo("agent:" + TestTokens.SUBJECT);

		var document = stored(customerId);
		assertThat(document.getList("optedOut", String.class)).containsExactly("SMS");
		assertThat(document.getString("language")).isEqualTo("de");
		assertThat(document.get("quietHours", Document.class)).containsEntry("start", "21:00")
			.containsEntry("end", "08:00");
		assertThat(document.getString("timeZone")).isEqualTo("Europe/Berlin");
		assertThat(document.getString("updatedBy")).isEqualTo("agent:" + TestTokens.SUBJECT);
		assertThat(document.getDate("updatedAt").toInstant())
			.isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS));
		assertThat(document.keySet()).containsExactlyInAnyOrder("_id", "optedOut", "language", "quietHours",
				"timeZone", "updatedAt", "updatedBy");
	}

	@Test
	void aPutChangesOnlyTheChannelsAndSettingsItNamesAndNullGoesBackToTheDefault() {
		var customerId = freshCustomer();
		put(customerId, """
				{"channels": {"SMS": false}, "language": "nl", "quietHours": {"start": "22:30", "end": "07:00"},
				 "timeZone": "Europe/Amsterdam"}""");

		web.put().uri(PATH, customerId)
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"channels": {"SMS": true, "WHATSAPP": false}, "quietHours": null}""")
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.channels.EMAIL").isEqualTo(true)
			.jsonPath("$.channels.SMS").isEqualTo(true)
			.jsonPath("$.channels.WHATSAPP").isEqualTo(false)
			.jsonPath("$.language").isEqualTo("nl")
			.jsonPath("$.quietHours").isEmpty()
			.jsonPath("$.timeZone").isEqualTo("Europe/Amsterdam");

		var document = stored(customerId);
		assertThat(document.getList("optedOut", String.class)).containsExactly("WHATSAPP");
		assertThat(document).doesNotContainKey("quietHours");
		assertThat(document.getString("language")).isEqualTo("nl");
	}

	@Test
	void whatAGetShowsCanBePutBackAndChangesNothing() {
		var customerId = freshCustomer();
		put(customerId, """
				{"channels": {"WHATSAPP": false}, "language": "fr", "quietHours": {"start": "20:00", "end": "09:15"}}""");
		var shown = get(customerId);

		put(customerId, shown.toString());

		var after = get(customerId);
		assertThat(after.remove("updatedAt")).isNotNull();
		shown.remove("updatedAt");
		assertThat(after).isEqualTo(shown);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"{\"channels\": {\"FAX\": false}}                                 | channels.FAX: unknown channel; one of EMAIL, SMS, WHATSAPP",
			"{\"channels\": {\"sms\": false}}                                 | channels.sms: unknown channel",
			"{\"channels\": {\"SMS\": \"no\"}}                                | channels.SMS: expected true or false",
			"{\"channels\": [\"SMS\"]}                                        | channels: expected an object",
			"{\"language\": \"german\"}                                       | language: expected a language subtag of 2 or 3 letters",
			"{\"language\": \"de-DE\"}                                        | language: expected a language subtag",
			"{\"language\": 7}                                                | language: expected a language subtag",
			"{\"quietHours\": {\"start\": \"9pm\", \"end\": \"08:00\"}}       | quietHours.start: expected a time of day as HH:mm",
			"{\"quietHours\": {\"start\": \"21:00\", \"end\": \"24:00\"}}     | quietHours.end: expected a time of day as HH:mm",
			"{\"quietHours\": {\"start\": \"21:00\"}}                         | quietHours.end: required",
			"{\"quietHours\": {\"start\": \"21:00\", \"end\": \"21:00\"}}     | quietHours: start and end must differ",
			"{\"quietHours\": \"21-8\"}                                       | quietHours: expected",
			"{\"timeZone\": \"Mars/Olympus\"}                                 | timeZone: expected an IANA time zone id",
			"{\"timeZone\": \"+02:00\"}                                       | timeZone: expected an IANA time zone id",
			"{\"quiet_hours\": null}                                          | quiet_hours: unknown property",
			"[]                                                               | body: expected a JSON object",
			"{\"channels\": {\"SMS\": false                                   | Malformed JSON" })
	void invalidBodiesGetAProblemNamingTheFieldAndChangeNothing(String body, String expected) {
		var customerId = freshCustomer();
		web.put().uri(PATH, customerId)
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status").isEqualTo(400)
			.jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains(expected));
		assertThat(stored(customerId)).isNull();
	}

	@Test
	void everyBrokenRuleIsReportedAtOnce() {
		var customerId = freshCustomer();
		web.put().uri(PATH, customerId)
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("""
					{"channels": {"EMAIL": false, "PIGEON": false}, "language": "xx-1", "timeZone": "Nowhere"}""")
			.exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.errors.length()").isEqualTo(3)
			.jsonPath("$.errors[0]").value(String.class, error -> assertThat(error).startsWith("channels.PIGEON:"))
			.jsonPath("$.errors[1]").value(String.class, error -> assertThat(error).startsWith("language:"))
			.jsonPath("$.errors[2]").value(String.class, error -> assertThat(error).startsWith("timeZone:"));
		// the valid part (EMAIL off) is not applied either
		assertThat(stored(customerId)).isNull();
	}

	@Test
	void withoutATokenIs401AndWithoutTheScopeIs403AndNothingChanges() {
		var customerId = freshCustomer();
		web.get().uri(PATH, customerId).exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		web.put().uri(PATH, customerId)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"channels\": {\"EMAIL\": false}}")
			.exchange()
			.expectStatus().isUnauthorized();
		web.get().uri(PATH, customerId)
			.headers(h -> h.setBearerAuth(TestTokens.of("orders:write")))
			.exchange()
			.expectStatus().isForbidden()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		for (var scope : List.of("orders:write", "orders:read")) {
			web.put().uri(PATH, customerId)
				.headers(h -> h.setBearerAuth(TestTokens.of(scope)))
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"channels\": {\"EMAIL\": false}}")
				.exchange()
				.expectStatus().isForbidden();
		}
		assertThat(stored(customerId)).isNull();
	}

	private void put(String customerId, String body) {
		web.put().uri(PATH, customerId)
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus().isOk();
	}

	private ObjectNode get(String customerId) {
		var body = web.get().uri(PATH, customerId)
			.headers(h -> h.setBearerAuth(TestTokens.of("support")))
			.exchange()
			.expectStatus().isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return (ObjectNode) JSON.readTree(body);
	}

	private Document stored(String customerId) {
		return mongo.findById(customerId, Document.class, Preferences.COLLECTION).block();
	}

	private static String freshCustomer() {
		return "cus_" + UUID.randomUUID().toString().substring(0, 8);
	}

}
