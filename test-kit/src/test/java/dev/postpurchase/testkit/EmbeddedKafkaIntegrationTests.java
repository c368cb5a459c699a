package dev.postpurchase.testkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EmbeddedKafkaIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	static Path dataDir;

	static EmbeddedKafka kafka;

	static KafkaTopics topics;

	@BeforeAll
	static void startBroker() {
		kafka = new EmbeddedKafka(dataDir, 0);
		kafka.start();
		topics = new KafkaTopics(kafka.bootstrapServers());
	}

	@AfterAll
	static void stopBroker() {
		kafka.stop();
	}

	@Test
	void producesAndConsumesARecordWithHeaders() {
		topics.send("kit.produce", "order-1", "{\"orderId\":\"order-1\"}", Map.of("ce_type", "test.created.v1", "ce_id", "id-1"));

		var records = topics.read("kit.produce", 1, TIMEOUT);

		assertThat(records).singleElement().satisfies(record -> {
			assertThat(record.key()).isEqualTo("order-1");
			assertThat(record.value()).isEqualTo("{\"orderId\":\"order-1\"}");
			assertThat(KafkaTopics.header(record, "ce_type")).isEqualTo("test.created.v1");
			assertThat(KafkaTopics.header(record, "ce_id")).isEqualTo("id-1");
		});
	}

	@Test
	void readsOnlyMatchingRecordsAndAllRecordsToTheEnd() {
		topics.send("kit.filter", "order-1", "a", Map.of("ce_type", "first"));
		topics.send("kit.filter", "order-1", new byte[] { (byte) 0xff, 0x00 }, Map.of("ce_type", "poison"));
		topics.send("kit.filter", "order-2", "c", Map.of("ce_type", "first"));

		var first = topics.read("kit.filter", record -> "first".equals(KafkaTopics.header(record, "ce_type")), 2, TIMEOUT);
		var all = topics.readAll("kit.filter", TIMEOUT);

		assertThat(first).extracting(record -> record.value()).containsExactlyInAnyOrder("a", "c");
		assertThat(all).hasSize(3);
	}

	@Test
	void readsNothingFromATopicThatDoesNotExistWithoutCreatingIt() throws Exception {
		assertThat(topics.readAll("kit.missing", TIMEOUT)).isEmpty();

		try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
			assertThat(admin.listTopics().names().get()).doesNotContain("kit.missing");
		}
	}

	@Test
	void failsWhenTooFewRecordsArrive() {
		topics.send("kit.few", "order-1", "only one", Map.of());

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> topics.read("kit.few", 2, Duration.ofSeconds(1)))
			.withMessageContaining("Expected at least 2")
			.withMessageContaining("found 1");
	}

	@Test
	void keepsRecordsWhenRestartedOnTheSamePort() {
		topics.send("kit.restart", "order-1", "before restart", Map.of());

		kafka.stop();
		assertThat(kafka.isRunning()).isFalse();
		kafka.start();

		topics.send("kit.restart", "order-1", "after restart", Map.of());
		assertThat(topics.read("kit.restart", 2, TIMEOUT)).extracting(record -> record.value())
			.containsExactly("before restart", "after restart");
	}

	@Test
	void keepsRecordsForANewBrokerOnTheSameDirectory() {
		topics.send("kit.reopen", "order-1", "kept", Map.of());
		kafka.stop();

		// as after a process restart: a new instance, which picks a new controller port
		kafka = new EmbeddedKafka(dataDir, kafka.port());
		kafka.start();

		assertThat(topics.read("kit.reopen", 1, TIMEOUT)).extracting(record -> record.value()).containsExactly("kept");
	}

	@Test
	void decodesValuesAsUtf8() {
		topics.send("kit.utf8", "order-1", "Zoë".getBytes(StandardCharsets.UTF_8), Map.of());

		assertThat(topics.read("kit.utf8", 1, TIMEOUT)).extracting(record -> record.value()).containsExactly("Zoë");
	}
}
