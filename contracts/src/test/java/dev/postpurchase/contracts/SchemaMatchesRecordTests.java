package dev.postpurchase.contracts;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each schema describes its record exactly: the same property names at every level, JSON types that
 * match the Java types, enums spelled as Jackson writes them, and every primitive required (Jackson 3
 * fails on an absent primitive, so a schema must not let one be left out).
 */
class SchemaMatchesRecordTests {

	private static final JsonNode COMMON = ContractFixtures.tree(ContractFixtures.text(ContractFixtures.COMMON_SCHEMA));

	static Stream<Named<MessageType>> types() {
		return ContractFixtures.types();
	}

	@ParameterizedTest
	@MethodSource("types")
	void schemaDescribesTheRecord(MessageType type) {
		List<String> problems = new ArrayList<>();
		JsonNode schema = ContractFixtures.schemaTree(type);
		checkRecord(type.javaType(), new Node(schema, schema), type.javaType().getSimpleName(), problems);

		assertThat(problems).as("%s does not match %s:%n  %s", type.schemaResource(), type.javaType().getName(),
				String.join("\n  ", problems))
			.isEmpty();
	}

	private void checkRecord(Class<?> record, Node schema, String path, List<String> problems) {
		Node object = schema.resolved();
		JsonNode properties = object.json().path("properties");
		Set<String> components = new LinkedHashSet<>();
		Arrays.stream(record.getRecordComponents()).forEach(component -> components.add(component.getName()));
		if (!components.equals(new LinkedHashSet<>(properties.propertyNames()))) {
			problems.add(path + ": properties " + properties.propertyNames() + " but record components "
					+ components);
		}
		Set<String> required = new LinkedHashSet<>();
		object.json().path("required").forEach(name -> required.add(name.asString()));
		for (RecordComponent component : record.getRecordComponents()) {
			String name = component.getName();
			String at = path + "." + name;
			if (!properties.has(name)) {
				continue;
			}
			if (component.getType().isPrimitive() && !required.contains(name)) {
				problems.add(at + ": a primitive " + component.getType() + " must be required");
			}
			JsonNode property = properties.get(name);
			if (property.has("not")) {
				continue; // a property the contract forbids (CustomerErasureRequested.orderId)
			}
			checkValue(component.getGenericType(), new Node(object.document(), property), at, problems);
		}
	}

	private void checkValue(Type javaType, Node schema, String path, List<String> problems) {
		Class<?> raw = raw(javaType);
		Node resolved = schema.resolved();
		String expectedType = jsonType(raw);
		String actualType = resolved.json().path("type").asString();
		if (!expectedType.equals(actualType)) {
			problems.add(path + ": type '" + actualType + "' but " + raw.getSimpleName() + " is '" + expectedType + "'");
			return;
		}
		if (raw == Instant.class) {
			expectFormat(resolved, "date-time", path, problems);
		}
		else if (raw == UUID.class) {
			expectFormat(resolved, "uuid", path, problems);
		}
		else if (raw == ZoneId.class && !resolved.json().has("pattern")) {
			problems.add(path + ": a time zone needs the IANA pattern");
		}
		else if (raw.isEnum()) {
			checkEnum(raw, schema, resolved, path, problems);
		}
		else if (raw.isRecord()) {
			checkRecord(raw, resolved, path, problems);
		}
		else if (raw == List.class) {
			Type element = ((ParameterizedType) javaType).getActualTypeArguments()[0];
			checkValue(element, new Node(resolved.document(), resolved.json().path("items")), path + "[]", problems);
		}
	}

	/** The names Jackson writes; a property may narrow a shared enum, but never invent a value. */
	private void checkEnum(Class<?> type, Node property, Node resolved, String path, List<String> problems) {
		List<String> jackson = Arrays.stream(type.getEnumConstants())
			.map(constant -> EventJson.mapper().valueToTree(constant).asString())
			.toList();
		List<String> shared = strings(resolved.json().path("enum"));
		List<String> allowed = property.json().has("enum") ? strings(property.json().path("enum")) : shared;
		if (!shared.equals(jackson)) {
			problems.add(path + ": enum " + shared + " but Jackson writes " + jackson);
		}
		if (allowed.isEmpty() || !jackson.containsAll(allowed)) {
			problems.add(path + ": allows " + allowed + " but Jackson writes " + jackson);
		}
	}

	private static void expectFormat(Node schema, String format, String path, List<String> problems) {
		if (!format.equals(schema.json().path("format").asString())) {
			problems.add(path + ": needs format " + format);
		}
	}

	private static String jsonType(Class<?> type) {
		if (type == int.class || type == long.class) {
			return "integer";
		}
		if (type == BigDecimal.class) {
			return "number";
		}
		if (type == boolean.class) {
			return "boolean";
		}
		if (type == List.class) {
			return "array";
		}
		if (type.isRecord()) {
			return "object";
		}
		// String, UUID, Instant, ZoneId and enums travel as strings.
		return "string";
	}

	private static Class<?> raw(Type type) {
		return (type instanceof ParameterizedType parameterized) ? (Class<?>) parameterized.getRawType()
				: (Class<?>) type;
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(value -> values.add(value.asString()));
		return values;
	}

	/** A schema node and the document its local $refs point into. */
	private record Node(JsonNode document, JsonNode json) {

		/** Follows $ref to common.json or within the document until a schema with content. */
		Node resolved() {
			Node node = this;
			while (node.json().has("$ref")) {
				String ref = node.json().get("$ref").asString();
				boolean common = ref.startsWith("common.json#");
				if (!common && !ref.startsWith("#")) {
					throw new IllegalArgumentException("Unexpected $ref " + ref);
				}
				JsonNode target = common ? COMMON : node.document();
				JsonNode found = target.at(ref.substring(ref.indexOf('#') + 1));
				if (found.isMissingNode()) {
					throw new IllegalArgumentException("Unresolved $ref " + ref);
				}
				node = new Node(target, found);
			}
			return node;
		}

	}

}
