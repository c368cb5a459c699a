package dev.postpurchase.testkit;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BadJsonTests {

	static final String ORDER = """
			{"orderId": "ord-1", "placedAt": "2026-05-11T18:42:00Z", "timeZone": "Europe/Amsterdam",
			 "lines": [{"sku": "A-1", "quantity": 2, "price": {"amount": 19.95, "currency": "EUR"}}], "gift": false}
			""";

	final BadJson orders = BadJson.of(ORDER);

	@Test
	void theSameSeedGivesTheSameVariants() {
		var first = draw(new Random(7), 50);
		var second = draw(new Random(7), 50);
		assertThat(first).extracting(BadJson.Variant::text).isEqualTo(second.stream().map(BadJson.Variant::text).toList());
	}

	@Test
	void everyKindOfBadInputComesUpWithinAFewHundredVariants() {
		var mutations = String.join("\n", draw(new Random(1), 1500).stream().map(BadJson.Variant::mutation).toList());
		assertThat(mutations).contains("removed $.lines[0].quantity", "null at", "hostile string at", "boundary number",
				"bad time at $.placedAt", "epoch/non-string time", "retyped at", "wrapped in array", "emptied at",
				"unknown field", "duplicate key", "odd literal", "nested 1200 deep", "huge string", "huge array",
				"truncated at", "random bytes", "invalid UTF-8", "trailing garbage", "random JSON");
	}

	@Test
	void mostVariantsAreNoLongerTheValidDocument() {
		var valid = JsonMapper.shared().readTree(ORDER);
		var unchanged = draw(new Random(3), 300).stream().filter(variant -> {
			try {
				return JsonMapper.shared().readTree(variant.text()).equals(valid);
			}
			catch (JacksonException ex) {
				return false;
			}
		}).count();
		// a duplicate key can repeat the value it replaces; anything else changes the document
		assertThat(unchanged).isLessThan(5);
	}

	@Test
	void rawValuesAndDuplicateKeysAreWrittenAsSuch() {
		var variants = draw(new Random(11), 1500);
		assertThat(variants).noneMatch(variant -> variant.text().contains("__badjson_"));
		var duplicate = variants.stream()
			.filter(variant -> variant.mutation().contains("duplicate key $.orderId"))
			.findFirst();
		assertThat(duplicate).hasValueSatisfying(
				variant -> assertThat(variant.text().split("\"orderId\"", -1)).hasSizeGreaterThanOrEqualTo(3));
		var deep = variants.stream().filter(variant -> variant.mutation().contains("nested 1200 deep")).findFirst();
		assertThat(deep).hasValueSatisfying(variant -> assertThat(variant.text()).contains("[".repeat(1200)));
	}

	@Test
	void loneSurrogatesTravelEscaped() {
		assertThat(draw(new Random(5), 1000)).filteredOn(variant -> variant.body().length < 100_000)
			.anyMatch(variant -> variant.text().contains("\\uD800") || variant.text().contains("\\ud800"));
	}

	@Test
	void fittingInKeepsEveryVariantWithinTheLimit() {
		var small = this.orders.fittingIn(64 * 1024);
		var random = new Random(2);
		assertThat(IntStream.range(0, 500).mapToObj(i -> small.next(random)))
			.allMatch(variant -> variant.body().length <= 64 * 1024);
	}

	@Test
	void brokenCloudEventHeadersDifferFromTheValidOnes() {
		var valid = Map.of("ce_specversion", "1.0", "ce_id", "6f1c5a52-0d1e-4d3a-9d57-2f0f1f6c4b11", "ce_type",
				"dev.postpurchase.order.placed.v1", "ce_time", "2026-05-11T18:42:04Z", "ce_subject", "ord-1");
		var random = new Random(9);
		var broken = IntStream.range(0, 200).mapToObj(i -> BadJson.cloudEventHeaders(valid, random)).toList();
		assertThat(broken).allMatch(headers -> !headers.equals(valid));
		assertThat(broken).anyMatch(headers -> !headers.containsKey("ce_type"))
			.anyMatch(headers -> "dev.postpurchase.unknown.v1".equals(headers.get("ce_type")))
			.anyMatch(headers -> "2026-02-30".equals(headers.get("ce_time")));
	}

	@Test
	void aFailingPropertyNamesItsSeedAndItsFailingSamples() {
		assertThatThrownBy(() -> BadJson.forAll("no body mentions quantity", 100, this.orders::next,
				variant -> assertThat(variant.text()).doesNotContain("quantity")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("Property 'no body mentions quantity' failed for")
			.hasMessageContaining("-Dbadjson.seed=" + "no body mentions quantity".hashCode())
			.hasMessageContaining("try 1: ")
			.hasMessageContaining("not to contain");
	}

	@Test
	void aHoldingPropertyRunsEveryTry() {
		var tries = new int[1];
		BadJson.forAll("counts", 40, this.orders::next, variant -> tries[0]++);
		assertThat(tries[0]).isEqualTo(40);
	}

	@Test
	void aFreshFieldIsNewInEveryVariant() {
		var events = BadJson.of("""
				{"eventId": "3b3eb54e-d3f1-4ab7-a33c-a7585dbe47f9", "orderId": "ord-1", "externalOrderId": "EXT-1"}""")
			.withFresh("eventId")
			.withFresh("externalOrderId");
		var random = new Random(4);
		var texts = IntStream.range(0, 300).mapToObj(i -> events.next(random).text()).toList();
		assertThat(texts).noneMatch(text -> text.contains("3b3eb54e-d3f1-4ab7-a33c-a7585dbe47f9"));
		assertThat(texts).anyMatch(text -> text.matches(".*\"eventId\":\"[0-9a-f]{8}-[0-9a-f]{4}-.*"))
			.anyMatch(text -> text.contains("\"externalOrderId\":\"EXT-1-"));
	}

	@Test
	void badRecordsKeepTheirHeadersOrBreakThemAndSayWhetherAnyConsumerCanReadThem() {
		var headers = Map.of("ce_type", "dev.postpurchase.order.placed.v1");
		var random = new Random(6);
		var messages = IntStream.range(0, 400).mapToObj(i -> this.orders.message(headers, random)).toList();
		assertThat(messages).allMatch(message -> message.payload().body().length <= BadJson.KAFKA_RECORD);
		assertThat(messages).anyMatch(BadJson.Message::headersBroken)
			.anyMatch(message -> !message.headersBroken() && message.unreadable())
			.anyMatch(message -> !message.headersBroken() && !message.unreadable());
		assertThat(messages).filteredOn(BadJson.Message::unreadable).allSatisfy(message -> {
			assertThat(message.headers()).isEqualTo(headers);
			assertThat(isJsonObject(message.payload().body())).isFalse();
		});
	}

	@Test
	void anAnswerIsHandledWhenItIsA2xxOrA4xxProblemWithATitle() {
		BadJsonClient.assertHandled(201, "application/json", "{}");
		BadJsonClient.assertHandled(400, "application/problem+json", "{\"title\": \"Bad Request\", \"status\": 400}");
		assertThatThrownBy(() -> BadJsonClient.assertHandled(500, "application/problem+json", "{\"title\": \"Oops\"}"))
			.hasMessageContaining("got 500");
		assertThatThrownBy(() -> BadJsonClient.assertHandled(400, "null", null)).hasMessageContaining("Expected a problem");
		assertThatThrownBy(() -> BadJsonClient.assertHandled(413, "application/problem+json", "{\"detail\": \"x\"}"))
			.hasMessageContaining("with a title");
	}

	private static boolean isJsonObject(byte[] json) {
		try {
			return JsonMapper.shared().readTree(json).isObject();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	private List<BadJson.Variant> draw(Random random, int count) {
		return IntStream.range(0, count).mapToObj(i -> this.orders.next(random)).toList();
	}

}
