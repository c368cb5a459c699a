package dev.postpurchase.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Every file under deploy/k8s is a valid Kubernetes object (or patch, or kustomization) as written: read
 * into fabric8's typed model with unknown fields refused, so a misspelt field fails here instead of being
 * dropped by the API server; and no file holds a Secret.
 */
class KubernetesManifestFilesTests {

	static Stream<Path> files() {
		return KubernetesManifests.files().stream();
	}

	@ParameterizedTest
	@MethodSource("files")
	void everyDocumentReadsIntoItsTypedClassWithoutUnknownFields(Path file) {
		var text = KubernetesManifests.read(file);
		if (file.getFileName().toString().equals("kustomization.yaml")) {
			assertThat(KubernetesManifests.kustomization(text)).isNotNull();
		}
		else {
			assertThat(KubernetesManifests.parse(text)).as(file.toString())
				.isNotEmpty()
				.noneMatch(Secret.class::isInstance);
		}
	}

	@Test
	void theManifestsAreFoundWhereTheTestsLook() {
		assertThat(files()).extracting(path -> KubernetesManifests.ROOT.relativize(path).toString())
			.contains("base/kustomization.yaml", "base/order-service/deployment.yaml",
					"overlays/production/kustomization.yaml");
	}

	@Test
	void aMisspeltFieldIsRefused() {
		var misspelt = VALID.replace("readinessProbe:", "readinesProbe:");

		assertThat(KubernetesManifests.parse(VALID)).singleElement().isInstanceOf(Deployment.class);
		assertThatThrownBy(() -> KubernetesManifests.parse(misspelt)).hasMessageContaining("readinesProbe");
	}

	@Test
	void aFieldAtTheWrongLevelIsRefused() {
		var misplaced = VALID.replace("      containers:", "      image: nginx\n      containers:");

		assertThatThrownBy(() -> KubernetesManifests.parse(misplaced)).hasMessageContaining("image");
	}

	@Test
	void aNumberWhereKubernetesWantsAStringIsRefused() {
		var configMap = """
				apiVersion: v1
				kind: ConfigMap
				metadata:
				  name: settings
				data:
				  POSTPURCHASE_KAFKA_PARTITIONS: 3
				""";

		assertThatThrownBy(() -> KubernetesManifests.parse(configMap)).hasMessageContaining("String");
		assertThat(KubernetesManifests.parse(configMap.replace(": 3", ": \"3\""))).hasSize(1);
	}

	@Test
	void anUnknownKindOrVersionIsRefused() {
		var oldAutoscaler = """
				apiVersion: autoscaling/v2beta2
				kind: HorizontalPodAutoscaler
				metadata:
				  name: order-service
				""";

		assertThatThrownBy(() -> KubernetesManifests.parse(oldAutoscaler)).hasMessageContaining("autoscaling/v2beta2");
	}

	@Test
	void aKustomizationFieldThatKubectl120DoesNotKnowIsRefused() {
		var kustomization = """
				resources:
				  - deployment.yaml
				patches:
				  - path: patch.yaml
				""";

		assertThat(KubernetesManifests.kustomization("resources:\n  - deployment.yaml\n").resources())
			.containsExactly("deployment.yaml");
		assertThatThrownBy(() -> KubernetesManifests.kustomization(kustomization)).hasMessageContaining("patches");
	}

	private static final String VALID = """
			apiVersion: apps/v1
			kind: Deployment
			metadata:
			  name: order-service
			spec:
			  selector:
			    matchLabels:
			      app.kubernetes.io/name: order-service
			  template:
			    metadata:
			      labels:
			        app.kubernetes.io/name: order-service
			    spec:
			      containers:
			        - name: app
			          image: ghcr.io/post-purchase-ops/order-service:0.1.0
			          readinessProbe:
			            httpGet:
			              path: /actuator/health/readiness
			              port: http
			""";

}
