package dev.postpurchase.contracts;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.postpurchase.contracts.erasure.CustomerErasureRequested;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The catalog is the one place where type ids, records and topics meet; these are its invariants. */
class EventCatalogTests {

	private static final String TYPE_ID = "dev\\.postpurchase\\.[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*\\.v[1-9][0-9]*";

	static Stream<Named<MessageType>> events() {
		return ContractFixtures.events();
	}

	@Test
	void holdsTwentyNineTypes() {
		assertThat(EventCatalog.events()).hasSize(27);
		assertThat(EventCatalog.inbound()).hasSize(2);
	}

	@Test
	void typeIdsAreUniqueAndVersioned() {
		List<String> ids = ContractFixtures.allTypes().stream().map(MessageType::id).toList();

		assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches(TYPE_ID), "matches " + TYPE_ID);
	}

	@Test
	void eachRecordHasOneTypeAndDeclaresItsId() throws ReflectiveOperationException {
		assertThat(ContractFixtures.allTypes().stream().map(MessageType::javaType)).doesNotHaveDuplicates();
		for (MessageType type : ContractFixtures.allTypes()) {
			assertThat(type.javaType().isRecord()).as("%s is a record", type.javaType()).isTrue();
			assertThat(type.javaType().getField("TYPE").get(null)).isEqualTo(type.id());
			assertThat(EventCatalog.of(type.javaType())).isSameAs(type);
			assertThat(EventCatalog.byId(type.id())).containsSame(type);
		}
	}

	@Test
	void eventsAreEventsAndInboundMessagesAreNot() {
		assertThat(EventCatalog.events()).allMatch(type -> Event.class.isAssignableFrom(type.javaType()));
		assertThat(EventCatalog.inbound()).noneMatch(type -> Event.class.isAssignableFrom(type.javaType()));
	}

	@Test
	void everyTopicCarriesAtLeastOneType() {
		List<String> inboundTopics = EventCatalog.inbound().stream().map(MessageType::topic).toList();

		assertThat(inboundTopics).containsExactlyInAnyOrder(Topics.ORDERS_INBOUND, Topics.TRACKING_INBOUND);
		for (String topic : topics()) {
			if (!inboundTopics.contains(topic)) {
				assertThat(EventCatalog.eventsOn(topic)).as("events on %s", topic).isNotEmpty();
			}
		}
		assertThat(EventCatalog.events()).allMatch(type -> topics().contains(type.topic()));
	}

	@ParameterizedTest
	@MethodSource("events")
	void recordKeyIsTheOrderIdExceptForErasure(MessageType type) {
		Event event = (Event) GoldenSamples.load(type.javaType());

		if (type.javaType() == CustomerErasureRequested.class) {
			CustomerErasureRequested erasure = (CustomerErasureRequested) event;
			assertThat(erasure.orderId()).isNull();
			assertThat(erasure.key()).isEqualTo(erasure.customerId()).isNotBlank();
		}
		else {
			assertThat(event.key()).isEqualTo(event.orderId()).isNotBlank();
		}
	}

	@Test
	void unknownTypesAreNotFound() {
		assertThat(EventCatalog.byId("dev.postpurchase.order.teleported.v1")).isEmpty();
		assertThat(EventCatalog.byId(null)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> EventCatalog.of(String.class));
	}

	@Test
	void resourcesAreNamedAfterTheTypeId() {
		MessageType type = EventCatalog.byId("dev.postpurchase.order.placed.v1").orElseThrow();

		assertThat(type.schemaResource()).isEqualTo("schemas/dev.postpurchase.order.placed.v1.json");
		assertThat(type.sampleResource()).isEqualTo("samples/dev.postpurchase.order.placed.v1.json");
	}

	/** The topic names declared in {@link Topics}. */
	private static List<String> topics() {
		return Arrays.stream(Topics.class.getDeclaredFields())
			.filter(field -> Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers())
					&& field.getType() == String.class)
			.map(EventCatalogTests::value)
			.toList();
	}

	private static String value(Field field) {
		try {
			return (String) field.get(null);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
