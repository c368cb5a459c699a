package dev.postpurchase.deploy;

import static dev.postpurchase.deploy.KubernetesProductionOverlayTests.app;
import static dev.postpurchase.deploy.KubernetesProductionOverlayTests.consumesKafka;
import static dev.postpurchase.deploy.KubernetesProductionOverlayTests.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * What Spring makes of each Deployment's environment in the production render, read the way Spring Boot
 * reads environment variables: every secret a service requires in the {@code prod} profile (its
 * {@code postpurchase.security.required-secrets}, and the customer-link keys where it checks links) comes
 * from a Secret it cannot start without, read from the service's own configuration file, so a new required
 * secret fails here until the manifests provide it; and every variable names a property the platform has,
 * so a misspelt variable, which Spring would silently ignore, fails too.
 */
class KubernetesSpringSettingsTests {

	/** Stands for a value Kubernetes fills in from a Secret key (not optional). */
	private static final String FROM_SECRET = "from-secret:";

	private static final Path REPOSITORY = Path.of("..");

	private static final Path DEFAULTS = REPOSITORY.resolve("service-kit/src/main/resources/postpurchase-defaults.yml");

	/**
	 * Properties the manifests set that no configuration file mentions, since their defaults are in code: Spring
	 * Boot's (profiles, Kafka security, SMTP login) and the services' settings records'.
	 */
	private static final List<String> CODE_DEFAULTS = List.of("spring.profiles.active",
			"spring.kafka.security.protocol", "spring.kafka.properties.sasl.mechanism",
			"spring.kafka.properties.sasl.jaas.config", "spring.kafka.ssl.trust-store-type",
			"spring.kafka.ssl.trust-store-certificates", "spring.mail.username", "spring.mail.password",
			"spring.mail.properties.mail.smtp.auth", "spring.mail.properties.mail.smtp.starttls.enable",
			"spring.mail.properties.mail.smtp.starttls.required", "postpurchase.kafka.replicas",
			"postpurchase.security.rate-limit.trusted-proxies", "postpurchase.security.customer-links.keys[0].id",
			"postpurchase.security.customer-links.keys[0].secret", "postpurchase.security.customer-links.keys[1].id",
			"postpurchase.security.customer-links.keys[1].secret", "metrics.zone", "metrics.currency",
			"tracking.exceptions.stall-after", "tracking.exceptions.no-info-after",
			"notifications.sms.messaging-service-sid");

	/** Environment variables for the JVM, not for Spring. */
	private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

	static Stream<Deployment> deployments() {
		return KubernetesProductionOverlayTests.deployments();
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void everySecretTheProdProfileRequiresComesFromASecret(Deployment deployment) {
		var name = deployment.getMetadata().getName();
		var own = configuration(name);
		var environment = environment(deployment);
		var required = Arrays.stream(own.getOrDefault("postpurchase.security.required-secrets", "").split(","))
			.map(String::strip)
			.filter(property -> !property.isEmpty())
			.toList();

		assertThat(required).allSatisfy(property -> assertThat(environment.getProperty(property)).as(property)
			.startsWith(FROM_SECRET));
		assertThat(environment.getProperty("spring.profiles.active")).isEqualTo("prod");
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void theCustomerLinkKeysComeFromASecretWhereLinksAreChecked(Deployment deployment) {
		var own = configuration(deployment.getMetadata().getName());
		var keys = Binder.get(environment(deployment))
			.bind("postpurchase.security.customer-links.keys", Bindable.listOf(SigningKey.class))
			.orElse(List.of());

		if ("false".equals(own.get("postpurchase.security.customer-links.enabled"))) {
			assertThat(keys).isEmpty();
		}
		else {
			assertThat(keys).first().satisfies(key -> {
				assertThat(key.id()).startsWith(FROM_SECRET);
				assertThat(key.secret()).startsWith(FROM_SECRET);
			});
		}
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void kafkaAndMongoDbAreReachedThroughSecrets(Deployment deployment) {
		var environment = environment(deployment);
		if (consumesKafka(deployment)) {
			assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).startsWith(FROM_SECRET);
			assertThat(environment.getProperty("spring.mongodb.uri")).startsWith(FROM_SECRET);
		}
		else {
			assertThat(configuration(deployment.getMetadata().getName()).values())
				.contains("org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
						"org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration");
		}
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void everyVariableNamesAPropertyOfThePlatform(Deployment deployment) {
		var known = new HashSet<>(CODE_DEFAULTS);
		KubernetesProductionOverlayTests.DEPLOYABLES.forEach(service -> known.addAll(configuration(service).keySet()));
		known.addAll(read(DEFAULTS).keySet());
		var names = Stream.concat(settings(deployment).keySet().stream(),
				app(deployment).getEnv().stream().map(variable -> variable.getName()))
			.filter(variable -> !JVM_VARIABLES.contains(variable))
			.toList();

		assertThat(names).allSatisfy(variable -> {
			var environment = environment(Map.of(variable, "set"));
			assertThat(known).as(variable + " sets no property of the platform (a typo Spring would ignore)")
				.anyMatch(property -> environment.getProperty(property) != null);
		});
	}

	@Test
	void aMisspeltVariableNamesNoProperty() {
		var right = environment(Map.of("POSTPURCHASE_SECURITY_RATE_LIMIT_TRUSTED_PROXIES", "10.0.0.0/8"));
		// a dash kept in one word and dropped in the next: Spring reads neither form
		var wrong = environment(Map.of("POSTPURCHASE_SECURITY_RATELIMIT_TRUSTED_PROXIES", "10.0.0.0/8"));

		assertThat(right.getProperty("postpurchase.security.rate-limit.trusted-proxies")).isEqualTo("10.0.0.0/8");
		assertThat(wrong.getProperty("postpurchase.security.rate-limit.trusted-proxies")).isNull();
	}

	/**
	 * The container's environment as Spring sees it: the ConfigMaps' settings, and each Secret key it cannot
	 * start without as {@value #FROM_SECRET}{@code <secret>/<key>} (optional keys may be absent, so they count
	 * for nothing here).
	 */
	private static StandardEnvironment environment(Deployment deployment) {
		var variables = new LinkedHashMap<String, Object>(settings(deployment));
		app(deployment).getEnv().stream()
			.filter(variable -> KubernetesProductionOverlayTests.secretBacked(app(deployment)).contains(variable.getName()))
			.forEach(variable -> {
				var reference = variable.getValueFrom().getSecretKeyRef();
				variables.put(variable.getName(), FROM_SECRET + reference.getName() + "/" + reference.getKey());
			});
		return environment(variables);
	}

	/** An environment with only these variables, resolved as Spring Boot resolves the process environment. */
	private static StandardEnvironment environment(Map<String, ?> variables) {
		var environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(variables)));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	/** A service's own configuration file ({@code <service>/src/main/resources/<service>.yml}), flattened. */
	private static Map<String, String> configuration(String service) {
		return read(REPOSITORY.resolve(service).resolve("src/main/resources").resolve(service + ".yml"));
	}

	private static Map<String, String> read(Path file) {
		try {
			var properties = new LinkedHashMap<String, String>();
			for (var source : new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file))) {
				var enumerable = (EnumerablePropertySource<?>) source;
				for (var property : enumerable.getPropertyNames()) {
					properties.put(property, String.valueOf(enumerable.getProperty(property)));
				}
			}
			assertThat(properties).as(file.toString()).isNotEmpty();
			return properties;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The shape of a customer-link key (service-kit's CustomerLinkSettings.SigningKey). */
	record SigningKey(String id, String secret) {
	}

}
