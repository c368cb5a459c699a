package dev.postpurchase.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Every type of the catalog ships a schema and a golden sample, and nothing else lies around. */
class ContractResourcesTests {

	static Stream<Named<MessageType>> types() {
		return ContractFixtures.types();
	}

	static Stream<Named<MessageType>> events() {
		return ContractFixtures.events();
	}

	@ParameterizedTest
	@MethodSource("types")
	void schemaAndSampleAreOnTheClasspath(MessageType type) {
		assertThat(ContractFixtures.exists(type.schemaResource())).as(type.schemaResource()).isTrue();
		assertThat(ContractFixtures.exists(type.sampleResource())).as(type.sampleResource()).isTrue();
	}

	@Test
	void noSchemaOrSampleOutsideTheCatalog() {
		List<String> files = ContractFixtures.allTypes().stream().map(type -> type.id() + ".json").toList();
		List<String> schemas = new ArrayList<>(files);
		schemas.add("common.json");

		assertThat(ContractFixtures.fileNames("schemas")).containsExactlyInAnyOrderElementsOf(schemas);
		assertThat(ContractFixtures.fileNames("samples")).containsExactlyInAnyOrderElementsOf(files);
	}

	@ParameterizedTest
	@MethodSource("types")
	void schemaNamesAndDocumentsItsType(MessageType type) {
		JsonNode schema = ContractFixtures.schemaTree(type);

		assertThat(schema.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
		assertThat(schema.path("$id").asString()).isEqualTo(ContractFixtures.SCHEMA_BASE + type.id() + ".json");
		assertThat(schema.path("title").asString()).isEqualTo(type.javaType().getSimpleName());
		assertThat(schema.path("description").asString()).isNotBlank();
		assertThat(schema.path("type").asString()).isEqualTo("object");
		// Tolerant readers: producers may add fields without a new version.
		assertThat(schema.path("additionalProperties").asBoolean(false)).isTrue();
	}

	@ParameterizedTest
	@MethodSource("events")
	void everyEventRequiresItsEnvelope(MessageType type) {
		List<String> required = new ArrayList<>();
		ContractFixtures.schemaTree(type).path("required").forEach(name -> required.add(name.asString()));

		assertThat(required).contains("eventId", "occurredAt");
		if (type.javaType() == CustomerErasureRequested.class) {
			assertThat(required).doesNotContain("orderId");
		}
		else {
			assertThat(required).contains("orderId");
		}
	}

}
