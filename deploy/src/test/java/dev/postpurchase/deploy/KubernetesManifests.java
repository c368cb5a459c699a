package dev.postpurchase.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLMapper;

import dev.postpurchase.testkit.InstalledTool;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * Reads the Kubernetes manifests under {@code deploy/k8s} the way the API server would, only stricter:
 * each document into fabric8's class for its {@code apiVersion} and {@code kind}, with every unknown field
 * an error (a {@code readinesProbe} is a typo the API server would drop silently, or refuse), no duplicate
 * keys, and no number where Kubernetes wants a string or the other way round. Kustomization files are read
 * into {@link Kustomization}, which knows only the fields that kustomize v2 (kubectl 1.20, what CI may have)
 * and v5 both understand.
 */
final class KubernetesManifests {

	/** deploy/k8s, from the module's directory (where Maven runs the tests). */
	static final Path ROOT = Path.of("k8s");

	static final Path PRODUCTION = ROOT.resolve("overlays/production");

	/** The kinds these manifests may hold, by {@code apiVersion/kind}; a Secret is known only to be refused. */
	private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("v1/ConfigMap", ConfigMap.class,
			"v1/Namespace", Namespace.class, "v1/Secret", Secret.class, "v1/Service", Service.class,
			"v1/ServiceAccount", ServiceAccount.class, "apps/v1/Deployment", Deployment.class,
			"autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
			"policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
			"monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);

	private static final YAMLMapper STRICT = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.annotationIntrospector(new NoCatchAll())
		// "3" for an int, or 3 for a string (ConfigMap data): the API server refuses either
		.withCoercionConfig(LogicalType.Textual, config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
			.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
		.withCoercionConfig(LogicalType.Integer, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
		.withCoercionConfig(LogicalType.Boolean, config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
		.build();

	private static List<HasMetadata> production;

	private KubernetesManifests() {
	}

	/** Every document of a YAML stream, each into its typed class; fails on anything unknown or mistyped. */
	static List<HasMetadata> parse(String yaml) {
		var objects = new ArrayList<HasMetadata>();
		try (var documents = STRICT.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
			while (documents.hasNext()) {
				var document = documents.next();
				if (document == null || document.isNull() || document.isMissingNode()) {
					continue;
				}
				var type = document.path("apiVersion").asString("") + "/" + document.path("kind").asString("");
				var kind = KINDS.get(type);
				if (kind == null) {
					throw new IllegalArgumentException("Not a kind these manifests may hold: " + type);
				}
				objects.add(STRICT.treeToValue(document, kind));
			}
		}
		return objects;
	}

	/** A kustomization.yaml, refused when it uses a field kustomize v2 or v5 does not understand. */
	static Kustomization kustomization(String yaml) {
		return STRICT.readValue(yaml, Kustomization.class);
	}

	/** Every YAML file under deploy/k8s. */
	static List<Path> files() {
		try (Stream<Path> files = Files.walk(ROOT)) {
			return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The production overlay as {@code kubectl kustomize} renders it, parsed strictly; rendered once. Skips
	 * the test without kubectl (fails instead in CI).
	 */
	static synchronized List<HasMetadata> production() {
		if (production == null) {
			var kubectl = InstalledTool.require("kubernetes-client", null, "kubectl");
			var result = kubectl.run(Path.of("."), Duration.ofMinutes(2), null, "kustomize", PRODUCTION.toString());
			if (!result.succeeded()) {
				throw new AssertionError("kubectl kustomize " + PRODUCTION + " failed:\n" + result.output());
			}
			// kustomize v5 prints its deprecation warnings as YAML comments ("# Warning: ..."), so the
			// output (standard output and error together) stays one YAML stream
			production = List.copyOf(parse(result.output()));
		}
		return production;
	}

	/** The objects of one kind. */
	static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
		return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
	}

	/**
	 * The fields of a kustomization.yaml that both kustomize v2.0.3 (kubectl 1.20) and v5 understand; any
	 * other field is an unknown property, so a kustomization that CI's kubectl could not render fails here.
	 */
	record Kustomization(List<String> resources, List<String> bases, List<String> patchesStrategicMerge,
			List<Image> images, String namespace, Map<String, String> commonLabels,
			List<Generator> configMapGenerator, String namePrefix) {

		record Image(String name, String newName, String newTag) {
		}

		record Generator(String name, String behavior, List<String> literals) {
		}

	}

	/**
	 * fabric8's classes keep unknown fields in an {@code additionalProperties} map (a {@code @JsonAnySetter});
	 * without it, Jackson's FAIL_ON_UNKNOWN_PROPERTIES applies to them as to any class.
	 */
	private static final class NoCatchAll extends JacksonAnnotationIntrospector {

		@Override
		public Boolean hasAnySetter(MapperConfig<?> config, Annotated annotated) {
			return Boolean.FALSE;
		}

	}

}
