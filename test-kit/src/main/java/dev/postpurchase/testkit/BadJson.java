package dev.postpurchase.testkit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input for property tests of endpoints and topics: mutations of a valid JSON sample (a field
 * dropped, nulled or of another type, hostile strings, boundary numbers, impossible dates and zones,
 * unknown and duplicate fields, deep nesting, huge strings and arrays, truncated or wrapped
 * documents), random JSON, and bad Kafka records (broken CloudEvents headers too). Variants are drawn
 * from a {@link Random}, so a seed reproduces them; {@link #forAll} runs a property over many and
 * reports the seed and the failing samples. {@link BadJsonClient} sends variants to an endpoint and
 * {@link BadRecords} bursts of records to a topic, each checking the property bad input must keep.
 *
 * <pre>{@code
 * var orders = BadJson.of(validOrderJson);
 * BadJson.forAll("order input", 150, orders::next, variant -> {
 *     var status = post(variant.body());
 *     assertThat(status).isLessThan(500);
 * });
 * }</pre>
 *
 * Written for this project instead of using a property-testing library: jqwik, the JVM's usual one,
 * asks (from 1.10) not to be used by AI coding agents, and its engine is built on JUnit Platform 1,
 * not the 6 Spring Boot 4 manages. Shrinking is not needed here: each variant says what was changed.
 */
public final class BadJson {

	/** The system property that replaces every property's own fixed seed, to explore other variants. */
	public static final String SEED_PROPERTY = "badjson.seed";

	/** Larger than the services' 1 MB request limit. */
	static final int HUGE_STRING = 1_100_000;

	/** Larger than any batch or list limit of the services. */
	static final int HUGE_ARRAY = 12_000;

	/** Deeper than Jackson's nesting limit (500 by default). */
	static final int DEEP = 1_200;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final JsonMapper ASCII_MAPPER = MAPPER.rebuild().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

	/** What reads as a date, a time, a zone or an offset: the values bad times replace. */
	private static final Pattern TEMPORAL = Pattern
		.compile("^(\\d{4}-\\d{2}-\\d{2}.*|\\d{2}:\\d{2}.*|[A-Z][a-z]+/[A-Za-z_]+|[+-]\\d{2}:\\d{2}|Z|UTC)$");

	private static final String MARK = "__badjson_";

	private static final Pattern UUID_TEXT = Pattern.compile("^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$");

	/** Below the broker's and producer's 1 MB record limit. */
	static final int KAFKA_RECORD = 900_000;

	/** Strings that break naive code: control and invisible characters, lone surrogates, injections, lookalikes. */
	static final List<String> HOSTILE_STRINGS = List.of("", " ", "\t\n\r", "\u0000", "nul\u0000in the middle",
			"\uD800", "lone low \uDC00 surrogate", "\uD83D\uDE00 emoji", "\u202Eevil\u202C", "\u05E9\u05DC\u05D5\u05DD",
			"zero\u200Bwidth\u200D", "\uFEFFbom", "e\u0301\u0301\u0301", "\u0130stanbul", "\u00DF", "\uFFFF\uFFFE",
			"\u001B[31mred", "line\nbreak\r\nX-Injected: yes", "${jndi:ldap://127.0.0.1/x}", "<script>alert(1)</script>",
			"' OR '1'='1", "{\"$gt\": \"\"}", "$where", "a.b.c", "../../etc/passwd", "%00%0a", "null", "NaN",
			"Infinity", "-1", "1e308", "true", "[]", "{}", "x".repeat(10_000),
			"\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67".repeat(500));

	/** Numbers at and past the edges of int, long and double, and with more digits than anyone needs. */
	static final List<String> BOUNDARY_NUMBERS = List.of("0", "-0", "-1", "1", "2147483647", "2147483648",
			"-2147483649", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
			"123456789012345678901234567890123456789", "1e308", "-1e308", "1e400", "4.9e-324", "1e-400", "0.5",
			"-0.0", "0." + "3".repeat(300), "1" + "0".repeat(1_100), "1e2147483647");

	/** Dates, times and zones that do not exist, are out of range, or are not of the expected form. */
	static final List<String> BAD_TIMES = List.of("2026-02-30", "2026-02-30T10:00:00Z", "2026-13-01T00:00:00Z",
			"24:00", "2026-05-11T24:00:00Z", "2026-05-11T10:00:00+25:00", "+25:00", "Mars/Olympus", "Europe/Atlantis",
			"UTC+25", "GMT+14:01", "2026-05-11T10:00:00", "2026-05-11", "10:00", "yesterday", "",
			"0000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
			"1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2026-05-11T10:00:00.1234567891Z",
			"2026-05-11 10:00:00", "11/05/2026", "2026-W19-1", "P1D", "Europe/Amsterdam ", "europe/amsterdam");

	/** Epoch numbers and other non-strings where a date, time or zone string is expected. */
	static final List<String> BAD_TIME_LITERALS = List.of("1715000000", "1715000000000", "-1", "0", "1.5e12",
			"[2026, 5, 11]", "{\"epochSecond\": 1715000000}", "true");

	/** Literals many parsers accept or choke on, outside strict JSON. */
	static final List<String> ODD_LITERALS = List.of("NaN", "Infinity", "-Infinity", "01", "+1", ".5", "1.",
			"0x1F", "'single'", "undefined", "True", "\"unterminated");

	static final List<String> WRONG_CONTENT_TYPES = List.of("", "text/plain", "application/xml",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
			"application/json; charset=ISO-8859-1", "application/json; charset=UTF-16", "text/html; charset=utf-8",
			"application/merge-patch+json", "application/vnd.unknown+json", "image/png");

	private final JsonNode sample;

	private final int maxBytes;

	private final List<String> fresh;

	private BadJson(JsonNode sample, int maxBytes, List<String> fresh) {
		this.sample = sample;
		this.maxBytes = maxBytes;
		this.fresh = fresh;
	}

	/** Mutations of this valid JSON document. */
	public static BadJson of(String validJson) {
		return new BadJson(MAPPER.readTree(validJson), Integer.MAX_VALUE, List.of());
	}

	/**
	 * The same mutations, but none larger than {@code maxBytes} (for Kafka records, which the broker
	 * refuses past its own limit before any service sees them).
	 */
	public BadJson fittingIn(int maxBytes) {
		return new BadJson(this.sample, maxBytes, this.fresh);
	}

	/**
	 * The same mutations of a sample whose top-level {@code field} gets a new value in every variant
	 * (a new UUID for a UUID, else the sample's value with a suffix): for event ids and the like, so
	 * no variant is taken for a redelivery of another.
	 */
	public BadJson withFresh(String field) {
		var fields = new ArrayList<>(this.fresh);
		fields.add(field);
		return new BadJson(this.sample, this.maxBytes, List.copyOf(fields));
	}

	/**
	 * Bad records for a topic of CloudEvents: a type drawn from {@code samples} (type id to valid
	 * sample), its sample mutated with a fresh {@code eventId}, valid headers for it (or broken ones,
	 * see {@link #message}), all with the subject given.
	 */
	public static Function<Random, Message> events(Map<String, String> samples, String subject) {
		var types = samples.keySet().stream().sorted().toList();
		var mutations = new LinkedHashMap<String, BadJson>();
		types.forEach(type -> mutations.put(type, of(samples.get(type)).withFresh("eventId")));
		return random -> {
			var type = pick(random, types);
			return mutations.get(type).message(cloudEvent(type, subject, random), random);
		};
	}

	/** A valid record of a CloudEvents type: the JSON as given, with valid headers. */
	public static Message valid(String type, String json, String subject) {
		return new Message(Variant.of("valid", json), cloudEvent(type, subject, new Random()), false);
	}

	/** Valid CloudEvents headers (Kafka binary mode) of a new event of the type. */
	static Map<String, String> cloudEvent(String type, String subject, Random random) {
		var headers = new LinkedHashMap<String, String>();
		headers.put("ce_specversion", "1.0");
		headers.put("ce_id", new UUID(random.nextLong(), random.nextLong()).toString());
		headers.put("ce_source", "bad-json");
		headers.put("ce_type", type);
		headers.put("ce_time", "2026-05-11T18:42:04Z");
		headers.put("ce_subject", subject);
		headers.put("content-type", "application/json");
		return headers;
	}

	/** One bad variant of the sample: mostly a few changes to its fields, sometimes a broken document. */
	public Variant next(Random random) {
		Variant variant;
		do {
			var roll = random.nextInt(100);
			variant = roll < 72 ? mutateFields(random) : roll < 92 ? breakDocument(random) : randomJson(random);
		}
		while (variant.body().length > this.maxBytes);
		return variant;
	}

	/** A random JSON document: any shape, sometimes with the sample's field names. */
	public Variant randomJson(Random random) {
		var names = new ArrayList<String>();
		collectNames(this.sample, names);
		return serialize("random JSON", randomNode(random, names, 4), random);
	}

	/**
	 * A bad Kafka record for a topic: mostly a bad variant with the valid headers, sometimes broken
	 * headers with either (see {@link #cloudEventHeaders}).
	 */
	public Message message(Map<String, String> validHeaders, Random random) {
		// what the broker would refuse never reaches a consumer
		var records = this.maxBytes > KAFKA_RECORD ? fittingIn(KAFKA_RECORD) : this;
		if (!validHeaders.isEmpty() && random.nextInt(4) == 0) {
			var payload = random.nextBoolean() ? records.next(random)
					: Variant.of("valid", MAPPER.writeValueAsString(sample(random)));
			return new Message(payload, cloudEventHeaders(validHeaders, random), true);
		}
		return new Message(records.next(random), validHeaders, false);
	}

	/**
	 * Broken CloudEvents headers: one of the valid headers dropped, emptied or replaced (an unknown
	 * {@code ce_type}, another {@code ce_specversion}, a {@code ce_time} that is no time, a
	 * {@code ce_id} that is no UUID), or hostile text in one.
	 */
	public static Map<String, String> cloudEventHeaders(Map<String, String> valid, Random random) {
		var headers = new LinkedHashMap<>(valid);
		var names = new ArrayList<>(valid.keySet());
		var name = names.get(random.nextInt(names.size()));
		switch (random.nextInt(8)) {
			case 0 -> headers.remove(name);
			case 1 -> headers.put(name, "");
			case 2 -> headers.put("ce_type", pick(random, List.of("dev.postpurchase.unknown.v1",
					"dev.postpurchase.order.placed.v99", "com.example.Foo", "java.lang.Runtime",
					"DEV.POSTPURCHASE.ORDER.PLACED.V1")));
			case 3 -> headers.put("ce_specversion", pick(random, List.of("0.3", "2.0", "1", "one")));
			case 4 -> headers.put("ce_time", pick(random, BAD_TIMES));
			case 5 -> headers.put("ce_id", pick(random, List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000",
					"x".repeat(5_000))));
			case 6 -> headers.remove("ce_type");
			default -> headers.put(name, pick(random, HOSTILE_STRINGS));
		}
		return headers;
	}

	/** A string that breaks naive code, for ids in paths, query parameters and headers. */
	public static String hostileString(Random random) {
		return random.nextBoolean() ? pick(random, HOSTILE_STRINGS) : pick(random, BAD_TIMES);
	}

	/**
	 * The content type to send a variant with: mostly JSON's, sometimes one a confused client sends
	 * (or none, as the empty string).
	 */
	public static String contentType(Random random) {
		return random.nextInt(10) > 0 ? "application/json" : pick(random, WRONG_CONTENT_TYPES);
	}

	/**
	 * Checks a property over {@code tries} values drawn from the generator with a fixed seed (the
	 * property name's, or {@value #SEED_PROPERTY} when set). Every try runs; the failure lists the
	 * first failing values with what went wrong, and the seed to reproduce them.
	 */
	public static <T> void forAll(String property, int tries, Function<Random, T> generator, Check<T> check) {
		var seed = seed(property);
		var random = new Random(seed);
		var failures = new ArrayList<String>();
		var failed = 0;
		for (int i = 0; i < tries; i++) {
			var value = generator.apply(random);
			try {
				check.accept(value);
			}
			catch (Exception | AssertionError ex) {
				failed++;
				if (failures.size() < 5) {
					var why = String.valueOf(ex);
					failures.add("try " + i + ": " + abbreviate(String.valueOf(value)) + "\n  -> "
							+ (why.length() > 2_000 ? why.substring(0, 2_000) + "…" : why));
				}
			}
		}
		if (failed > 0) {
			throw new AssertionError("Property '" + property + "' failed for " + failed + " of " + tries
					+ " tries (seed " + seed + ", rerun with -D" + SEED_PROPERTY + "=" + seed + "):\n"
					+ String.join("\n", failures));
		}
	}

	/** The seed of a property: its name's, or {@value #SEED_PROPERTY} when set. */
	static long seed(String property) {
		return Long.getLong(SEED_PROPERTY, property.hashCode());
	}

	private JsonNode sample(Random random) {
		var tree = this.sample.deepCopy();
		if (tree instanceof ObjectNode object) {
			for (var field : this.fresh) {
				var value = object.get(field);
				var text = value == null ? "" : value.asString("");
				object.put(field, UUID_TEXT.matcher(text).matches() ? new UUID(random.nextLong(), random.nextLong()).toString()
						: text + "-" + Long.toHexString(random.nextLong()));
			}
		}
		return tree;
	}

	private Variant mutateFields(Random random) {
		var tree = sample(random);
		var raw = new LinkedHashMap<String, String>();
		var changes = new ArrayList<String>();
		var count = 1 + random.nextInt(3);
		for (int i = 0; i < count; i++) {
			var paths = new ArrayList<Path>();
			collectPaths(tree, "$", paths);
			if (paths.isEmpty()) {
				break;
			}
			var change = mutate(pick(random, paths), random, raw);
			changes.add(change);
			if (change.startsWith("huge")) {
				// the huge array repeats one node: changing it again would multiply the size
				break;
			}
		}
		var variant = serialize(String.join("; ", changes), tree, random);
		var text = new String(variant.body(), StandardCharsets.UTF_8);
		for (var replacement : raw.entrySet()) {
			text = text.replace("\"" + replacement.getKey() + "\"", replacement.getValue());
		}
		return new Variant(variant.mutation(), text.getBytes(StandardCharsets.UTF_8));
	}

	private static String mutate(Path path, Random random, Map<String, String> raw) {
		var value = path.get();
		var temporal = value.isString() && TEMPORAL.matcher(value.asString()).matches();
		var roll = random.nextInt(100);
		if (temporal && roll < 60) {
			if (random.nextInt(4) == 0) {
				return rawValue(path, pick(random, BAD_TIME_LITERALS), raw, "epoch/non-string time");
			}
			return path.set(NODES.stringNode(pick(random, BAD_TIMES)), "bad time");
		}
		if (value.isNumber() && roll < 60) {
			return rawValue(path, pick(random, BOUNDARY_NUMBERS), raw, "boundary number");
		}
		return switch (random.nextInt(16)) {
			case 0, 1 -> path.remove();
			case 2, 3 -> path.set(NODES.nullNode(), "null");
			case 4, 5 -> path.set(NODES.stringNode(pick(random, HOSTILE_STRINGS)), "hostile string");
			case 6 -> rawValue(path, pick(random, BOUNDARY_NUMBERS), raw, "boundary number");
			case 7 -> path.set(NODES.stringNode(pick(random, BAD_TIMES)), "bad time");
			case 8 -> path.set(randomNode(random, List.of(), 2), "retyped");
			case 9 -> path.set(NODES.arrayNode().add(value), "wrapped in array");
			case 10 -> path.set(value.isObject() ? NODES.objectNode() : NODES.arrayNode(), "emptied");
			case 11 -> path.addUnknownField(random);
			case 12 -> path.duplicateKey(random, raw);
			case 13 -> rawValue(path, pick(random, ODD_LITERALS), raw, "odd literal");
			case 14 -> rawValue(path, "[".repeat(DEEP) + "]".repeat(DEEP), raw, "nested " + DEEP + " deep");
			default -> random.nextInt(3) == 0 ? path.set(NODES.stringNode("x".repeat(HUGE_STRING)), "huge string")
					: path.set(hugeArray(value), "huge array");
		};
	}

	private Variant breakDocument(Random random) {
		var valid = serialize("", sample(random), random).body();
		var text = new String(valid, StandardCharsets.UTF_8);
		return switch (random.nextInt(10)) {
			case 0 -> {
				var cut = random.nextInt(text.length());
				yield Variant.of("truncated at " + cut, text.substring(0, cut));
			}
			case 1 -> Variant.of("wrapped in array", "[" + text + "]");
			case 2 -> Variant.of(pick(random, List.of("empty", "blank", "null", "\"string\"", "42", "[]", "{}")),
					pick(random, List.of("", "   ", "null", "\"string\"", "42", "[]", "{}")));
			case 3 -> {
				var bytes = new byte[random.nextInt(200)];
				random.nextBytes(bytes);
				yield new Variant("random bytes", bytes);
			}
			case 4 -> {
				var at = text.indexOf('"') + 1;
				var bytes = new byte[valid.length + 2];
				System.arraycopy(valid, 0, bytes, 0, at);
				bytes[at] = (byte) 0xC3;
				bytes[at + 1] = (byte) 0x28;
				System.arraycopy(valid, at, bytes, at + 2, valid.length - at);
				yield new Variant("invalid UTF-8", bytes);
			}
			case 5 -> Variant.of("trailing garbage", text + "}{\"x\":1}");
			case 6 -> Variant.of("byte order mark", "\uFEFF" + text);
			case 7 -> Variant.of("comment", "/* hi */" + text);
			case 8 -> Variant.of("single quotes", text.replace('"', '\''));
			default -> Variant.of("nested " + DEEP + " deep", "{\"a\":".repeat(DEEP) + "1" + "}".repeat(DEEP));
		};
	}

	private static String rawValue(Path path, String literal, Map<String, String> raw, String what) {
		var marker = MARK + raw.size() + "__";
		raw.put(marker, literal);
		return path.set(NODES.stringNode(marker), what + " " + abbreviate(literal));
	}

	private static JsonNode hugeArray(JsonNode element) {
		var array = NODES.arrayNode();
		var item = element.isContainer() && MAPPER.writeValueAsString(element).length() < 1_000 ? element
				: NODES.numberNode(1);
		for (int i = 0; i < HUGE_ARRAY; i++) {
			array.add(item);
		}
		return array;
	}

	private static JsonNode randomNode(Random random, List<String> names, int depth) {
		var kind = random.nextInt(depth > 0 ? 8 : 6);
		return switch (kind) {
			case 0 -> NODES.nullNode();
			case 1 -> NODES.booleanNode(random.nextBoolean());
			case 2 -> NODES.numberNode(BigInteger.valueOf(random.nextLong()));
			case 3 -> NODES.numberNode(new BigDecimal(random.nextGaussian() * 1e6));
			case 4 -> NODES.stringNode(pick(random, HOSTILE_STRINGS));
			case 5 -> NODES.stringNode(pick(random, BAD_TIMES));
			case 6 -> {
				var array = NODES.arrayNode();
				for (int i = random.nextInt(4); i > 0; i--) {
					array.add(randomNode(random, names, depth - 1));
				}
				yield array;
			}
			default -> {
				var object = NODES.objectNode();
				for (int i = random.nextInt(5); i > 0; i--) {
					var name = !names.isEmpty() && random.nextBoolean() ? pick(random, names) : "f" + random.nextInt(100);
					object.set(name, randomNode(random, names, depth - 1));
				}
				yield object;
			}
		};
	}

	private static Variant serialize(String mutation, JsonNode tree, Random random) {
		// escaped or raw UTF-8: lone surrogates only survive escaped, raw text tests the decoder
		var mapper = random.nextBoolean() ? ASCII_MAPPER : MAPPER;
		return Variant.of(mutation, mapper.writeValueAsString(tree));
	}

	private static void collectPaths(JsonNode node, String at, List<Path> paths) {
		if (node instanceof ObjectNode object) {
			for (var name : List.copyOf(object.propertyNames())) {
				paths.add(new Path(object, name, -1, at + "." + name));
				collectPaths(object.get(name), at + "." + name, paths);
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				paths.add(new Path(array, null, i, at + "[" + i + "]"));
				collectPaths(array.get(i), at + "[" + i + "]", paths);
			}
		}
	}

	private static void collectNames(JsonNode node, List<String> names) {
		if (node instanceof ObjectNode object) {
			names.addAll(object.propertyNames());
		}
		if (node.isContainer()) {
			node.values().forEach(child -> collectNames(child, names));
		}
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/** The text on one printable line: control characters and lone surrogates escaped, cut after 300 characters. */
	static String abbreviate(String text) {
		var printable = new StringBuilder();
		text.codePoints().limit(300).forEach(point -> {
			if (point < 0x20 || (point >= 0xD800 && point <= 0xDFFF)) {
				printable.append(String.format("\\u%04X", point));
			}
			else {
				printable.appendCodePoint(point);
			}
		});
		return text.length() > 300 ? printable + "…(" + text.length() + " chars)" : printable.toString();
	}

	/**
	 * A bad document and what was done to the sample to make it.
	 *
	 * @param mutation the changes, by JSON path, for failure messages
	 * @param body the bytes to send
	 */
	public record Variant(String mutation, byte[] body) {

		public static Variant of(String mutation, String body) {
			return new Variant(mutation, body.getBytes(StandardCharsets.UTF_8));
		}

		/** The body as text (lossy for bodies that are not UTF-8). */
		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return this.mutation + " (" + this.body.length + " bytes): " + abbreviate(text());
		}

	}

	/**
	 * A bad Kafka record.
	 *
	 * @param payload the record's value
	 * @param headers its headers
	 * @param headersBroken whether the headers are not the valid ones
	 */
	public record Message(Variant payload, Map<String, String> headers, boolean headersBroken) {

		/**
		 * Whether no consumer can read the record, so it must end in the dead-letter topic: its
		 * headers are valid, but its value is not a JSON object (nor the literal {@code null}).
		 */
		public boolean unreadable() {
			if (this.headersBroken) {
				return false;
			}
			try {
				var tree = MAPPER.readTree(this.payload.body());
				return !(tree.isObject() || tree.isNull());
			}
			catch (RuntimeException ex) {
				return true;
			}
		}

		@Override
		public String toString() {
			return (this.headersBroken ? "headers " + this.headers + ", " : "") + this.payload;
		}

	}

	/** A property of one value; may throw anything, which fails the try. */
	@FunctionalInterface
	public interface Check<T> {

		void accept(T value) throws Exception;

	}

	/** One place in the tree: a field of an object or an element of an array. */
	private record Path(JsonNode parent, String name, int index, String at) {

		JsonNode get() {
			return this.name != null ? this.parent.get(this.name) : this.parent.get(this.index);
		}

		String set(JsonNode value, String what) {
			if (this.name != null) {
				((ObjectNode) this.parent).set(this.name, value);
			}
			else {
				((ArrayNode) this.parent).set(this.index, value);
			}
			return what + " at " + this.at;
		}

		String remove() {
			if (this.name != null) {
				((ObjectNode) this.parent).remove(this.name);
			}
			else {
				((ArrayNode) this.parent).remove(this.index);
			}
			return "removed " + this.at;
		}

		String addUnknownField(Random random) {
			var target = get() instanceof ObjectNode object ? object
					: this.parent instanceof ObjectNode object ? object : null;
			if (target == null) {
				return remove();
			}
			var name = pick(random, List.of("unknown", "__proto__", "constructor", "$set", "_class", "@type", "id",
					"x".repeat(300)));
			target.set(name, randomNode(random, List.of(), 2));
			return "unknown field " + abbreviate(name) + " near " + this.at;
		}

		String duplicateKey(Random random, Map<String, String> raw) {
			if (!(this.parent instanceof ObjectNode object)) {
				return set(NODES.nullNode(), "null");
			}
			// a second field of the same name: Jackson's tree cannot hold one, so a marker is renamed after writing
			var marker = MARK + raw.size() + "__";
			raw.put(marker, MAPPER.writeValueAsString(NODES.stringNode(this.name)));
			object.set(marker, randomNode(random, List.of(), 1));
			return "duplicate key " + this.at;
		}

	}

}
