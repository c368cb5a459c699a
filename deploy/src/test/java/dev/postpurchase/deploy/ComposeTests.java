package dev.postpurchase.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.postpurchase.testkit.InstalledTool;

import static dev.postpurchase.deploy.DockerfileTests.REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's docker-compose.yml, as {@code docker-compose config} resolves it (anchors merged, paths
 * made absolute): what someone who runs {@code docker compose up} relies on.
 */
class ComposeTests {

	/** The names Prometheus' scrape configuration and the README use. */
	static final List<String> SERVICES = List.of("kafka", "mongodb", "order-service", "tracking-service",
			"notification-service", "returns-service", "cx-metrics-service", "customer-pages", "mailpit", "simulators",
			"prometheus", "grafana", "demo");

	/** The services with events and state of their own (the customer pages have neither). */
	static final List<String> EVENT_SERVICES = List.of("order-service", "tracking-service", "notification-service",
			"returns-service", "cx-metrics-service");

	/** What the README sends people to, on this machine. */
	static final Map<String, Integer> PUBLISHED = Map.of("customer-pages", 8080, "order-service", 8081,
			"tracking-service", 8082, "notification-service", 8083, "returns-service", 8084, "cx-metrics-service", 8085,
			"simulators", 8089, "mailpit", 8025, "prometheus", 9090, "grafana", 3000);

	private static final Pattern PORT = Pattern.compile("(?:([0-9.]+):)?([0-9]+):([0-9]+)(?:/\\w+)?");

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private static JsonNode services;

	@BeforeAll
	static void resolve() {
		var compose = InstalledTool.require("docker-compose", null, "docker-compose");
		var result = compose.run(REPOSITORY, Duration.ofSeconds(60), null, "config");
		assertThat(result.exitCode()).as(result.output()).isZero();
		services = YAML.readTree(result.output()).path("services");
	}

	@Test
	void runsEveryPartUnderTheNamesTheMonitoringAndTheReadmeUse() {
		assertThat(services.propertyNames()).containsExactlyInAnyOrderElementsOf(SERVICES);
	}

	@Test
	void everyServiceIsCheckedOrStartsOnlyOnceWhatItNeedsIsHealthy() {
		for (var name : SERVICES) {
			var dependencies = services.path(name).path("depends_on");
			assertThat(checked(name) || !dependencies.isEmpty()
					&& dependencies.valueStream().allMatch(dependency -> healthy(dependency)))
				.as(name + " has a health check, or waits for healthy dependencies")
				.isTrue();
			// a dependency that is never checked would never be healthy: docker compose up would wait forever
			dependencies.propertyStream()
				.filter(dependency -> healthy(dependency.getValue()))
				.forEach(dependency -> assertThat(checked(dependency.getKey()))
					.as(name + " waits for " + dependency.getKey() + " to be healthy, which has a health check")
					.isTrue());
		}
	}

	@Test
	void theServicesUseTheKafkaAndMongoDbOfCompose() {
		assertThat(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092");
		assertThat(values(services.path("mongodb").path("command"))).containsSequence("--replSet", "rs0");
		for (var name : EVENT_SERVICES) {
			var environment = environment(name);
			assertThat(environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS")).as(name).isEqualTo("kafka:9092");
			assertThat(environment.get("SPRING_MONGODB_URI")).as(name).isEqualTo("mongodb://mongodb:27017/?replicaSet=rs0");
			assertThat(healthy(services.path(name).path("depends_on").path("kafka"))).as(name + " waits for Kafka").isTrue();
			assertThat(healthy(services.path(name).path("depends_on").path("mongodb"))).as(name + " waits for MongoDB").isTrue();
		}
	}

	@Test
	void everyApplicationTrustsTheIssuerWhoseTokensTheDemoCallsWith() {
		var simulatorsPort = environment("simulators").get("SIMULATORS_PORT");
		for (var name : applications()) {
			var environment = environment(name);
			assertThat(environment.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI")).as(name)
				.isEqualTo("http://simulators:" + simulatorsPort + "/.well-known/jwks.json");
			// the iss of the tokens the simulators' development issuer mints (its ISSUER_PORT, default 8090)
			assertThat(environment.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI")).as(name)
				.isEqualTo("http://localhost:" + environment("simulators").getOrDefault("ISSUER_PORT", "8090"));
		}
		// the demo reads the tokens the simulators write, in the local stack's state folder of the image
		assertThat(values(services.path("simulators").path("volumes"))).contains("dev-state:/app/.local-stack:rw");
		assertThat(values(services.path("demo").path("volumes"))).contains("dev-state:/app/.local-stack:ro");
	}

	@Test
	void theSimulatorsAcceptTheCredentialsTheServicesAreGiven() {
		var simulators = environment("simulators");
		var notifications = environment("notification-service");
		var at = "http://simulators:" + simulators.get("SIMULATORS_PORT");
		assertThat(notifications.get("NOTIFICATIONS_SMS_BASEURL")).isEqualTo(at + "/twilio");
		assertThat(notifications.get("NOTIFICATIONS_SMS_ACCOUNTSID")).isEqualTo(simulators.get("TWILIO_ACCOUNT_SID"));
		assertThat(notifications.get("NOTIFICATIONS_SMS_AUTHTOKEN")).isEqualTo(simulators.get("TWILIO_AUTH_TOKEN"));
		assertThat(notifications.get("NOTIFICATIONS_WHATSAPP_BASEURL")).isEqualTo(at + "/graph");
		assertThat(notifications.get("NOTIFICATIONS_WHATSAPP_PHONENUMBERID"))
			.isEqualTo(simulators.get("WHATSAPP_PHONE_NUMBER_ID"));
		assertThat(notifications.get("NOTIFICATIONS_WHATSAPP_ACCESSTOKEN")).isEqualTo(simulators.get("WHATSAPP_ACCESS_TOKEN"));
		// the simulator signs its status webhooks with the app secret notification-service checks them with
		assertThat(notifications.get("NOTIFICATIONS_WHATSAPP_APPSECRET")).isEqualTo(simulators.get("WHATSAPP_APP_SECRET"));
		assertThat(simulators.get("NOTIFICATION_SERVICE_URL")).isEqualTo("http://notification-service:8083");
		var returns = environment("returns-service");
		assertThat(returns.get("RETURNS_PAYMENTS_BASEURL")).isEqualTo(at + "/stripe");
		assertThat(returns.get("RETURNS_PAYMENTS_SECRETKEY")).isEqualTo(simulators.get("STRIPE_SECRET_KEY"));
		// the demo signs Shopify webhooks with the secret order-service checks them with
		assertThat(environment("order-service").get("ORDERS_SHOPIFY_WEBHOOKSECRET"))
			.isEqualTo(environment("demo").get("SHOPIFY_WEBHOOK_SECRET"));
		// one customer-link key: links order-service issues open pages whose data the other services check
		assertThat(EVENT_SERVICES.stream()
			.map(name -> environment(name).get("POSTPURCHASE_SECURITY_CUSTOMERLINKS_KEYS_0_SECRET"))
			.distinct()
			.toList()).singleElement().isNotNull();
	}

	@Test
	void theDevelopmentSecretsNeverMeetTheProdProfile() {
		// the image runs prod, which refuses to start with development secrets (service-kit's SecretsGuard)
		for (var name : applications()) {
			assertThat(environment(name).get("SPRING_PROFILES_ACTIVE")).as(name).isNotBlank().doesNotContain("prod");
		}
	}

	@Test
	void publishesWhatTheReadmeNamesOnThisMachineOnly() {
		PUBLISHED.forEach((name, port) -> assertThat(ports(name)).as(name).contains(List.of("127.0.0.1", port, port)));
		for (var name : SERVICES) {
			assertThat(ports(name)).as(name + ": published on the loopback address only")
				.allSatisfy(published -> assertThat(published.get(0)).isEqualTo("127.0.0.1"));
		}
	}

	@Test
	void monitoringReadsItsConfigurationFromTheDeployFolder() {
		// the folders themselves are deploy/prometheus' and deploy/grafana's
		assertThat(values(services.path("prometheus").path("volumes")))
			.contains(REPOSITORY.resolve("deploy/prometheus") + ":/etc/prometheus:ro");
		assertThat(values(services.path("prometheus").path("command")))
			.contains("--config.file=/etc/prometheus/prometheus.yml");
		assertThat(values(services.path("grafana").path("volumes"))).contains(
				REPOSITORY.resolve("deploy/grafana/provisioning") + ":/etc/grafana/provisioning:ro",
				REPOSITORY.resolve("deploy/grafana/dashboards") + ":/var/lib/grafana/dashboards:ro");
		assertThat(environment("grafana")).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "true")
			.containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
		// and what the containers read there is in the repository
		assertThat(REPOSITORY.resolve("deploy/prometheus/prometheus.yml")).isRegularFile();
		assertThat(REPOSITORY.resolve("deploy/prometheus/rules")).isDirectory();
		assertThat(REPOSITORY.resolve("deploy/grafana/provisioning/datasources")).isDirectory();
		assertThat(REPOSITORY.resolve("deploy/grafana/provisioning/dashboards")).isDirectory();
		assertThat(REPOSITORY.resolve("deploy/grafana/dashboards")).isDirectoryContaining("glob:**.json");
	}

	@Test
	void everyImageItBuildsIsADeployableModuleOnItsOwnPort() throws Exception {
		var modules = modules(REPOSITORY.resolve("pom.xml"));
		var dockerfile = DockerfileInstructions.read(DockerfileTests.DOCKERFILE);
		var required = dockerfile.stages()
			.stream()
			.flatMap(stage -> stage.all("ARG").stream())
			.filter(arg -> !DockerfileInstructions.hasDefault(arg))
			.flatMap(arg -> DockerfileInstructions.declaredArguments(arg).stream())
			.distinct()
			.toList();
		var built = SERVICES.stream().filter(name -> services.path(name).has("build")).toList();
		assertThat(built).containsAll(applications());
		for (var name : built) {
			var build = services.path(name).path("build");
			assertThat(build.path("dockerfile").asString()).as(name).isEqualTo("deploy/Dockerfile");
			assertThat(Path.of(build.path("context").asString())).as(name).isEqualTo(REPOSITORY);
			assertThat(build.path("args").propertyNames()).as(name + ": the arguments deploy/Dockerfile needs")
				.containsAll(required);
			var module = build.path("args").path("SERVICE").asString();
			assertThat(modules).as("the root pom's modules").contains(module);
			assertThat(hasSpringBootPlugin(REPOSITORY.resolve(module).resolve("pom.xml")))
				.as(module + " makes a Spring Boot jar").isTrue();
			int port = Integer.parseInt(build.path("args").path("PORT").asString());
			var ownSettings = REPOSITORY.resolve(module).resolve("src/main/resources").resolve(module + ".yml");
			if (ownSettings.toFile().isFile()) {
				assertThat(port).as(name + ": the port in " + module + ".yml")
					.isEqualTo(YAML.readTree(ownSettings.toFile()).path("server").path("port").asInt());
			}
			assertThat(ports(name)).as(name + ": what it publishes").allSatisfy(published -> assertThat(published.get(2))
				.isEqualTo(port));
		}
	}

	/** The services built from deploy/Dockerfile that are Spring Boot applications (not the local stack's parts). */
	private static List<String> applications() {
		return SERVICES.stream()
			.filter(name -> services.path(name).has("build")
					&& !services.path(name).path("build").path("args").path("SERVICE").asString().equals("local-stack"))
			.toList();
	}

	/** Whether docker checks the service's health: its own health check, or the image's of deploy/Dockerfile. */
	private static boolean checked(String name) {
		var healthcheck = services.path(name).path("healthcheck");
		if (healthcheck.path("disable").asBoolean(false)) {
			return false;
		}
		if (healthcheck.has("test")) {
			return true;
		}
		// the image's own checks a Spring Boot application's readiness, which the local stack's parts do not serve
		return applications().contains(name)
				&& DockerfileInstructions.read(DockerfileTests.DOCKERFILE).image().last("HEALTHCHECK").isPresent();
	}

	private static boolean healthy(JsonNode dependency) {
		return dependency.path("condition").asString("").equals("service_healthy");
	}

	private static Map<String, String> environment(String name) {
		var environment = new LinkedHashMap<String, String>();
		services.path(name).path("environment").propertyStream()
			.forEach(variable -> environment.put(variable.getKey(), variable.getValue().asString()));
		return environment;
	}

	private static List<String> values(JsonNode list) {
		return list.valueStream().map(JsonNode::asString).toList();
	}

	/**
	 * What a service publishes: [host address, published port, container port] each ({@code docker-compose
	 * config} prints {@code "127.0.0.1:8080:8080/tcp"}, or its long form when no address is given).
	 */
	private static List<List<Object>> ports(String name) {
		var published = new ArrayList<List<Object>>();
		for (var port : services.path(name).path("ports").values()) {
			if (port.isObject()) {
				published.add(List.of(port.path("host_ip").asString("0.0.0.0"), port.path("published").asInt(),
						port.path("target").asInt()));
				continue;
			}
			var parts = PORT.matcher(port.asString());
			assertThat(parts.matches()).as(name + " port " + port).isTrue();
			published.add(List.of(parts.group(1) == null ? "0.0.0.0" : parts.group(1), Integer.parseInt(parts.group(2)),
					Integer.parseInt(parts.group(3))));
		}
		return published;
	}

	private static List<String> modules(Path pom) throws Exception {
		var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
		var nodes = document.getElementsByTagName("module");
		var modules = new ArrayList<String>();
		for (int i = 0; i < nodes.getLength(); i++) {
			modules.add(nodes.item(i).getTextContent().strip());
		}
		return modules;
	}

	/** Whether the pom's build (not its plugin management) runs spring-boot-maven-plugin. */
	private static boolean hasSpringBootPlugin(Path pom) throws Exception {
		var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
		var plugins = document.getElementsByTagName("plugin");
		for (int i = 0; i < plugins.getLength(); i++) {
			var plugin = (Element) plugins.item(i);
			var inBuild = plugin.getParentNode().getParentNode().getNodeName().equals("build");
			var artifact = plugin.getElementsByTagName("artifactId").item(0).getTextContent().strip();
			if (inBuild && artifact.equals("spring-boot-maven-plugin")) {
				return true;
			}
		}
		return false;
	}

}
