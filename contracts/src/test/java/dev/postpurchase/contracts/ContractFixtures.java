package dev.postpurchase.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Named;
import tools.jackson.databind.JsonNode;

/**
 * What the contract tests share: the catalog's types as named test arguments, classpath resources,
 * the schema validator and a readable JSON diff.
 */
final class ContractFixtures {

	/** The $id prefix of every schema; the validator maps it to the classpath instead of fetching it. */
	static final String SCHEMA_BASE = "https://postpurchase.dev/schemas/";

	static final String COMMON_SCHEMA = "schemas/common.json";

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
			SpecificationVersion.DRAFT_2020_12,
			builder -> builder
				// 2020-12 treats "format" as an annotation only; the contract means it (uuid, date-time, email).
				.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
				.schemaIdResolvers(resolvers -> resolvers.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));

	private ContractFixtures() {
	}

	/** Every type of the catalog: the events and the inbound messages. */
	static List<MessageType> allTypes() {
		return Stream.concat(EventCatalog.events().stream(), EventCatalog.inbound().stream()).toList();
	}

	/** The catalog's types as test arguments named by their record. */
	static Stream<Named<MessageType>> types() {
		return allTypes().stream().map(type -> Named.of(type.javaType().getSimpleName(), type));
	}

	/** The events only, as test arguments named by their record. */
	static Stream<Named<MessageType>> events() {
		return EventCatalog.events().stream().map(type -> Named.of(type.javaType().getSimpleName(), type));
	}

	static boolean exists(String resource) {
		return ContractFixtures.class.getClassLoader().getResource(resource) != null;
	}

	static String text(String resource) {
		try (InputStream in = ContractFixtures.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Not on the classpath: " + resource);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Parsed with the contract's mapper, so decimals stay exact BigDecimals. */
	static JsonNode tree(String json) {
		return EventJson.mapper().readTree(json);
	}

	static JsonNode sampleTree(MessageType type) {
		return tree(text(type.sampleResource()));
	}

	static JsonNode schemaTree(MessageType type) {
		return tree(text(type.schemaResource()));
	}

	/** The file names in a resource folder (the build puts resources in a directory, not a jar). */
	static List<String> fileNames(String folder) {
		URL url = ContractFixtures.class.getClassLoader().getResource(folder);
		if (url == null) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
			return files.map(path -> path.getFileName().toString()).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The compiled schema of a type, loaded through its $id so relative $refs resolve to common.json. */
	static Schema schema(MessageType type) {
		return REGISTRY.getSchema(SchemaLocation.of(SCHEMA_BASE + type.id() + ".json"));
	}

	/** The JSON Schema 2020-12 meta-schema, bundled with the validator. */
	static Schema metaSchema() {
		return REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
	}

	static List<Error> validate(MessageType type, JsonNode instance) {
		return schema(type).validate(instance);
	}

	/** One line per validation error: where, which keyword, what. */
	static String describe(List<Error> errors) {
		return errors.stream()
			.map(error -> "  " + error.getInstanceLocation() + " [" + error.getKeyword() + "] " + error.getMessage())
			.collect(Collectors.joining("\n"));
	}

	/**
	 * The differences between two JSON trees, one line per difference with its JSON pointer. Numbers
	 * compare by value (49.9 equals 49.90), everything else exactly.
	 */
	static List<String> diff(JsonNode expected, JsonNode actual) {
		List<String> differences = new ArrayList<>();
		diff("", expected, actual, differences);
		return differences;
	}

	private static void diff(String path, JsonNode expected, JsonNode actual, List<String> differences) {
		String at = path.isEmpty() ? "/" : path;
		if (expected.isNumber() && actual.isNumber()) {
			if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
				differences.add(at + ": expected " + expected + " but was " + actual);
			}
		}
		else if (expected.isObject() && actual.isObject()) {
			var names = new TreeSet<>(expected.propertyNames());
			names.addAll(actual.propertyNames());
			for (String name : names) {
				String child = path + "/" + name;
				if (!actual.has(name)) {
					differences.add(child + ": missing, expected " + expected.get(name));
				}
				else if (!expected.has(name)) {
					differences.add(child + ": unexpected " + actual.get(name));
				}
				else {
					diff(child, expected.get(name), actual.get(name), differences);
				}
			}
		}
		else if (expected.isArray() && actual.isArray()) {
			if (expected.size() != actual.size()) {
				differences.add(at + ": expected " + expected.size() + " elements but was " + actual.size());
			}
			for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
				diff(path + "/" + i, expected.get(i), actual.get(i), differences);
			}
		}
		else if (!expected.equals(actual)) {
			differences.add(at + ": expected " + expected + " but was " + actual);
		}
	}

}
