package dev.postpurchase.deploy;

import static dev.postpurchase.deploy.KubernetesManifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;

/**
 * The production overlay as {@code kubectl kustomize} renders it gives an operator what they rely on: each
 * of the six deployables with probes on Spring Boot's actuator, sized and non-root, scaled by an autoscaler
 * within what Kafka's partitions allow, protected by a disruption budget, reachable through a Service and
 * scraped by the ServiceMonitor; secrets only by reference; everything in the namespace; images pinned.
 */
class KubernetesProductionOverlayTests {

	static final List<String> DEPLOYABLES = List.of("order-service", "tracking-service", "notification-service",
			"returns-service", "cx-metrics-service", "customer-pages");

	static final String NAMESPACE = "post-purchase-ops";

	static List<HasMetadata> rendered() {
		return KubernetesManifests.production();
	}

	static Stream<Deployment> deployments() {
		return ofKind(rendered(), Deployment.class).stream();
	}

	@Test
	void everyDeployableIsRenderedOnceWithItsSupportingObjects() {
		for (var kind : List.of(Deployment.class, Service.class, HorizontalPodAutoscaler.class,
				PodDisruptionBudget.class, ServiceAccount.class)) {
			assertThat(ofKind(rendered(), kind)).as(kind.getSimpleName())
				.extracting(object -> object.getMetadata().getName())
				.containsExactlyInAnyOrderElementsOf(DEPLOYABLES);
		}
	}

	@Test
	void everythingIsInTheNamespaceAndNoSecretIsInTheRender() {
		assertThat(rendered()).filteredOn(object -> !(object instanceof Namespace))
			.allSatisfy(object -> assertThat(object.getMetadata().getNamespace()).as(describe(object)).isEqualTo(NAMESPACE));
		assertThat(ofKind(rendered(), Namespace.class)).singleElement()
			.satisfies(namespace -> assertThat(namespace.getMetadata().getName()).isEqualTo(NAMESPACE));
		assertThat(rendered()).noneMatch(Secret.class::isInstance);
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void probesAskTheActuatorOnTheContainersPort(Deployment deployment) {
		var container = app(deployment);
		assertThat(probePath(container, container.getStartupProbe())).isEqualTo("/actuator/health/liveness");
		assertThat(probePath(container, container.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
		assertThat(probePath(container, container.getReadinessProbe())).isEqualTo("/actuator/health/readiness");
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void containersHaveRequestsAndLimitsAndTheHeapFollowsTheLimit(Deployment deployment) {
		var resources = app(deployment).getResources();
		assertThat(resources.getRequests()).containsKeys("cpu", "memory");
		assertThat(resources.getLimits()).containsKeys("cpu", "memory");
		assertThat(settings(deployment).get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void podsRunAsNonRootWithAReadOnlyRootFilesystem(Deployment deployment) {
		var pod = deployment.getSpec().getTemplate().getSpec();
		var container = app(deployment);
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
		assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
		var tmp = container.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals("/tmp")).findFirst();
		assertThat(tmp).as("a writable /tmp").isPresent();
		assertThat(pod.getVolumes()).filteredOn(volume -> volume.getName().equals(tmp.get().getName()))
			.singleElement()
			.satisfies(volume -> assertThat(volume.getEmptyDir()).isNotNull());
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void podsNeitherTalkToTheKubernetesApiNorGetServiceLinkVariables(Deployment deployment) {
		var pod = deployment.getSpec().getTemplate().getSpec();
		assertThat(pod.getAutomountServiceAccountToken()).isFalse();
		// Kubernetes' <SERVICE>_PORT=tcp://... variables would reach Spring as properties
		assertThat(pod.getEnableServiceLinks()).isFalse();
		assertThat(ofKind(rendered(), ServiceAccount.class))
			.filteredOn(account -> account.getMetadata().getName().equals(pod.getServiceAccountName()))
			.singleElement()
			.satisfies(account -> assertThat(account.getAutomountServiceAccountToken()).isFalse());
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void shutdownWaitsForSpringsGracefulShutdown(Deployment deployment) {
		var pod = deployment.getSpec().getTemplate().getSpec();
		var preStop = app(deployment).getLifecycle().getPreStop().getSleep().getSeconds();
		// spring.lifecycle.timeout-per-shutdown-phase is 30 s unless set; server.shutdown=graceful in service-kit
		assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(preStop + 30);
		assertThat(settings(deployment)).doesNotContainKey("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE");
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void imagesArePinnedToARelease(Deployment deployment) {
		var image = app(deployment).getImage();
		assertThat(image).startsWith("ghcr.io/post-purchase-ops/" + deployment.getMetadata().getName() + ":")
			.doesNotEndWith(":latest");
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void theAutoscalerOwnsTheReplicasWithinThePartitions(Deployment deployment) {
		var name = deployment.getMetadata().getName();
		var autoscaler = autoscaler(name);
		assertThat(deployment.getSpec().getReplicas()).as("replicas left to the autoscaler").isNull();
		assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
		assertThat(autoscaler.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(autoscaler.getSpec().getMinReplicas());
		if (consumesKafka(deployment)) {
			var partitions = Integer.parseInt(settings(deployment).getOrDefault("POSTPURCHASE_KAFKA_PARTITIONS", "3"));
			assertThat(autoscaler.getSpec().getMaxReplicas()).as("at most one consumer per partition")
				.isLessThanOrEqualTo(partitions);
		}
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void aDisruptionBudgetGuardsThePodsWithoutBlockingDrains(Deployment deployment) {
		var name = deployment.getMetadata().getName();
		var budget = ofKind(rendered(), PodDisruptionBudget.class).stream()
			.filter(pdb -> pdb.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow();
		assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
			.containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
		assertThat(budget.getSpec().getMinAvailable().getIntVal()).isPositive()
			.isLessThan(autoscaler(name).getSpec().getMinReplicas());
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void aServiceReachesTheContainersPort(Deployment deployment) {
		var service = service(deployment.getMetadata().getName());
		var labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
		assertThat(labels).containsAllEntriesOf(service.getSpec().getSelector());
		assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(service.getSpec().getSelector());
		assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
			assertThat(port.getName()).isEqualTo("http");
			assertThat(containerPort(app(deployment), port.getTargetPort())).isEqualTo(
					app(deployment).getPorts().get(0).getContainerPort());
		});
	}

	@Test
	void theServiceMonitorScrapesEveryServiceOnItsPrometheusEndpoint() {
		var monitor = ofKind(rendered(), ServiceMonitor.class).stream().findFirst().orElseThrow();
		var selector = monitor.getSpec().getSelector().getMatchLabels();
		assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
			assertThat(endpoint.getPath()).isEqualTo("/actuator/prometheus");
			assertThat(endpoint.getHonorLabels()).as("the services' own service label kept for the rules").isTrue();
			assertThat(ofKind(rendered(), Service.class)).allSatisfy(service -> {
				assertThat(service.getMetadata().getLabels()).as(service.getMetadata().getName())
					.containsAllEntriesOf(selector);
				assertThat(service.getSpec().getPorts()).extracting(port -> port.getName()).contains(endpoint.getPort());
			});
		});
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void secretsComeOnlyByReferenceAndSettingsOnlyFromConfigMapsInTheRender(Deployment deployment) {
		var container = app(deployment);
		assertThat(container.getEnv()).allSatisfy(variable -> {
			assertThat(variable.getValue()).as(variable.getName() + " written in the manifest").isNull();
			assertThat(variable.getValueFrom().getSecretKeyRef()).as(variable.getName()).isNotNull();
		});
		assertThat(container.getEnvFrom()).allSatisfy(source -> {
			assertThat(source.getSecretRef()).isNull();
			assertThat(configMap(source.getConfigMapRef().getName())).isNotNull();
		});
		assertThat(settings(deployment).keySet()).as("settings in ConfigMaps")
			.noneMatch(key -> key.matches(".*(SECRET|PASSWORD|TOKEN|_KEY|JAAS|MONGODB_URI|BOOTSTRAP_SERVERS).*"));
		if (consumesKafka(deployment)) {
			assertThat(secretBacked(container)).contains("SPRING_KAFKA_BOOTSTRAP_SERVERS", "SPRING_MONGODB_URI");
		}
	}

	@ParameterizedTest
	@MethodSource("deployments")
	void theProdProfileRunsAndNoSettingPointsAtTheLocalStack(Deployment deployment) {
		var settings = settings(deployment);
		assertThat(settings).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
		assertThat(settings).allSatisfy((key, value) -> assertThat(value).as(key)
			.doesNotContain("localhost", "127.0.0.1", "example.com"));
	}

	/** The container the deployable runs in (one per pod). */
	static Container app(Deployment deployment) {
		assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
		return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
	}

	/** The settings a Deployment's container gets from its ConfigMaps (envFrom), later ones winning. */
	static Map<String, String> settings(Deployment deployment) {
		var settings = new java.util.LinkedHashMap<String, String>();
		app(deployment).getEnvFrom().stream()
			.map(source -> source.getConfigMapRef())
			.filter(Objects::nonNull)
			.map(reference -> configMap(reference.getName()))
			.filter(Objects::nonNull)
			.forEach(configMap -> settings.putAll(configMap.getData()));
		return settings;
	}

	/** The variables a container takes from a Secret key it cannot start without. */
	static List<String> secretBacked(Container container) {
		return container.getEnv().stream()
			.filter(variable -> variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null
					&& !Boolean.TRUE.equals(variable.getValueFrom().getSecretKeyRef().getOptional()))
			.map(variable -> variable.getName())
			.toList();
	}

	/** A backend: it reads Kafka (customer-pages reads only the backends' APIs). */
	static boolean consumesKafka(Deployment deployment) {
		return app(deployment).getEnv().stream().anyMatch(variable -> variable.getName().startsWith("SPRING_KAFKA_"));
	}

	private static String probePath(Container container, Probe probe) {
		assertThat(probe).isNotNull();
		HTTPGetAction get = probe.getHttpGet();
		assertThat(containerPort(container, get.getPort())).as("probe port")
			.isEqualTo(container.getPorts().get(0).getContainerPort());
		return get.getPath();
	}

	/** A port given by name or number, as the container's port number; null when the container has no such port. */
	private static Integer containerPort(Container container, IntOrString port) {
		return container.getPorts().stream()
			.filter(candidate -> port.getStrVal() != null ? port.getStrVal().equals(candidate.getName())
					: port.getIntVal().equals(candidate.getContainerPort()))
			.map(candidate -> candidate.getContainerPort())
			.findFirst()
			.orElse(null);
	}

	private static ConfigMap configMap(String name) {
		return ofKind(rendered(), ConfigMap.class).stream()
			.filter(configMap -> configMap.getMetadata().getName().equals(name))
			.findFirst()
			.orElse(null);
	}

	private static HorizontalPodAutoscaler autoscaler(String deployment) {
		return ofKind(rendered(), HorizontalPodAutoscaler.class).stream()
			.filter(hpa -> hpa.getSpec().getScaleTargetRef().getKind().equals("Deployment")
					&& hpa.getSpec().getScaleTargetRef().getName().equals(deployment))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No HorizontalPodAutoscaler scales " + deployment));
	}

	private static Service service(String name) {
		return ofKind(rendered(), Service.class).stream()
			.filter(service -> service.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private static String describe(HasMetadata object) {
		return object.getKind() + " " + object.getMetadata().getName();
	}

}
