package dev.postpurchase.localstack;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceCommandTests {

	private static final Service ORDER_SERVICE = Service.named("order-service").orElseThrow();

	private static final Path JAVA = Path.of("/opt/java/bin/java");

	@Test
	void runsTheSameExecutableJarWithTheServiceArguments() {
		var command = ServiceCommand.of(JAVA, new Launcher.ExecutableJar(Path.of("/repo/local-stack/target/local-stack.jar")),
				ORDER_SERVICE, 8081, "localhost:9092", "mongodb://localhost:27017", Map.of());

		assertThat(command.command()).containsExactly("/opt/java/bin/java", "-Xmx384m", "-XX:+UseSerialGC",
				"-XX:+ExitOnOutOfMemoryError",
				"-Dfile.encoding=UTF-8", "-jar", "/repo/local-stack/target/local-stack.jar", "--service=order-service",
				"--spring.config.name=order-service", "--server.port=8081", "--spring.kafka.bootstrap-servers=localhost:9092",
				"--spring.mongodb.uri=mongodb://localhost:27017");
	}

	@Test
	void runsLocalStacksMainClassFromTheClassPathWhenNotStartedFromAJar() {
		var classPath = String.join(File.pathSeparator, "/repo/local-stack/target/classes", "/m2/order-service.jar");

		var command = ServiceCommand.of(JAVA, new Launcher.ClassPath(classPath), ORDER_SERVICE, 18081, "localhost:19092",
				"mongodb://localhost:37017", Map.of());

		assertThat(command.command()).containsSubsequence("-Xmx384m", "-cp", classPath,
				"dev.postpurchase.localstack.LocalStack", "--service=order-service", "--server.port=18081",
				"--spring.kafka.bootstrap-servers=localhost:19092", "--spring.mongodb.uri=mongodb://localhost:37017");
	}

	@Test
	void passesSecretsInTheEnvironmentNotOnTheCommandLine() {
		var command = ServiceCommand.of(JAVA, new Launcher.ClassPath("classes"), ORDER_SERVICE, 8081, "localhost:9092",
				"mongodb://localhost:27017", Map.of("orders.shopify.webhook-secret", "s3cret"));

		assertThat(command.command()).noneMatch(argument -> argument.contains("s3cret"));
		var json = JsonMapper.shared().readValue(command.environment().get("SPRING_APPLICATION_JSON"),
				new TypeReference<Map<String, String>>() {
				});
		assertThat(json).containsExactlyEntriesOf(Map.of("orders.shopify.webhook-secret", "s3cret"));
	}

	@Test
	void anotherInstanceRunsTheSameCommandOnAnotherPort() {
		var command = ServiceCommand.of(JAVA, new Launcher.ClassPath("classes"), ORDER_SERVICE, 8081, "localhost:9092",
				"mongodb://localhost:27017", Map.of("orders.shopify.webhook-secret", "s3cret"));

		var another = command.onPort(18181);

		assertThat(another.command()).contains("--server.port=18181").doesNotContain("--server.port=8081");
		assertThat(another.command()).filteredOn(argument -> !argument.startsWith("--server.port="))
			.containsExactlyElementsOf(command.command().stream().filter(argument -> !argument.startsWith("--server.port=")).toList());
		assertThat(another.environment()).isEqualTo(command.environment());
	}

	@Test
	void aClassPathIsNotMistakenForAnExecutableJar() {
		assertThat(Launcher.of("/repo/local-stack/target/classes" + File.pathSeparator + "/m2/a.jar"))
			.isInstanceOf(Launcher.ClassPath.class);
		// a single jar without Spring Boot's Start-Class (here: one that does not exist) is a class path too
		assertThat(Launcher.of("/nowhere/plain.jar")).isInstanceOf(Launcher.ClassPath.class);
	}

	@Test
	void servicePortsCanBeOverriddenByEnvironmentVariable() {
		assertThat(ORDER_SERVICE.port(Map.of())).isEqualTo(8081);
		assertThat(ORDER_SERVICE.port(Map.of("ORDER_SERVICE_PORT", "18081"))).isEqualTo(18081);
	}

	@Test
	void servicesHaveDistinctNamesAndPorts() {
		assertThat(Service.ALL).extracting(Service::name).doesNotHaveDuplicates();
		assertThat(Service.ALL).extracting(Service::defaultPort).doesNotHaveDuplicates();
	}

	@Test
	void prefixesHaveOneWidth() {
		assertThat(ServiceProcess.prefix("order-service")).isEqualTo("order-service        | ");
		assertThat(ServiceProcess.prefix("notification-service")).hasSameSizeAs(ServiceProcess.prefix("order-service"));
	}
}
