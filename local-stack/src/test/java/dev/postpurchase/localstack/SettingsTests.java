package dev.postpurchase.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SettingsTests {

	private static final Path REPO = Path.of("/repo");

	@Test
	void defaultsToTheDocumentedPortsAndDurableState() {
		var settings = Settings.from(List.of(), Map.of(), REPO);

		assertThat(settings.kafkaPort()).isEqualTo(9092);
		assertThat(settings.mongoPort()).isEqualTo(27017);
		assertThat(settings.issuerPort()).isEqualTo(8090);
		assertThat(settings.mongoInMemory()).isFalse();
		assertThat(settings.demo()).isFalse();
		assertThat(settings.kafkaDir()).isEqualTo(Path.of("/repo/.local-stack/kafka"));
		assertThat(settings.mongoFile()).isEqualTo(Path.of("/repo/.local-stack/mongo/data.mv"));
		assertThat(settings.secretsFile()).isEqualTo(Path.of("/repo/.local-stack/secrets.json"));
		assertThat(settings.issuerKeyFile()).isEqualTo(Path.of("/repo/.local-stack/issuer/signing-key.json"));
		assertThat(settings.tokensFile()).isEqualTo(Path.of("/repo/.local-stack/tokens.json"));
		assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(180));
		assertThat(settings.part()).isEqualTo(Settings.Part.WHOLE_STACK);
	}

	@Test
	void runsOnePartAloneWhenAskedTo() {
		assertThat(Settings.from(List.of("--simulators"), Map.of(), REPO).part()).isEqualTo(Settings.Part.SIMULATORS);
		assertThat(Settings.from(List.of("--demo-only"), Map.of(), REPO).part()).isEqualTo(Settings.Part.DEMO);
		assertThat(Settings.from(List.of("--demo"), Map.of(), REPO).part()).isEqualTo(Settings.Part.WHOLE_STACK);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Settings.from(List.of("--simulators", "--in-memory"), Map.of(), REPO))
			.withMessageContaining("--simulators goes alone")
			.withMessageContaining("Usage");
	}

	@Test
	void readsFlagsAndEnvironment() {
		var settings = Settings.from(List.of("--demo", "--in-memory"),
				Map.of("KAFKA_PORT", "19092", "MONGO_PORT", "37017", "ISSUER_PORT", "18090", "LOCAL_STACK_STARTUP_TIMEOUT", "60"),
				REPO);

		assertThat(settings.demo()).isTrue();
		assertThat(settings.mongoInMemory()).isTrue();
		assertThat(settings.kafkaPort()).isEqualTo(19092);
		assertThat(settings.mongoPort()).isEqualTo(37017);
		assertThat(settings.issuerPort()).isEqualTo(18090);
		assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void rejectsUnknownArgumentsAndBadPorts() {
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.from(List.of("--dmeo"), Map.of(), REPO))
			.withMessageContaining("--dmeo")
			.withMessageContaining("Usage");
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.from(List.of(), Map.of("KAFKA_PORT", "ninety"), REPO))
			.withMessageContaining("KAFKA_PORT");
		assertThatIllegalArgumentException().isThrownBy(() -> Settings.from(List.of(), Map.of("MONGO_PORT", "70000"), REPO))
			.withMessageContaining("MONGO_PORT");
	}
}
