package dev.postpurchase.testkit;

import java.util.Set;

import org.springframework.boot.context.annotation.DeterminableImports;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Imports the container or the embedded configuration. Being {@link DeterminableImports} lets
 * Spring's test context cache share one context between test classes (otherwise the key would be
 * each test class's own annotations).
 */
class TestInfrastructureSelector implements ImportSelector, DeterminableImports {

	private static final String WEB_TEST_CLIENT = "org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer";

	@Override
	public String[] selectImports(AnnotationMetadata metadata) {
		return ClassUtils.isPresent(WEB_TEST_CLIENT, getClass().getClassLoader())
				? new String[] { selected(), FreshConnections.class.getName() } : new String[] { selected() };
	}

	/**
	 * The context cache key. Constant, because the choice is the same for the whole JVM; deciding
	 * here would look for Docker before Spring Boot has set up logging.
	 */
	@Override
	public Set<Object> determineImports(AnnotationMetadata metadata) {
		return Set.of(TestInfrastructureSelector.class.getName());
	}

	private static String selected() {
		// class literals only: the container configuration's types are not loaded without Docker
		return TestInfrastructure.usesContainers() ? ContainerInfrastructureConfiguration.class.getName()
				: EmbeddedInfrastructureConfiguration.class.getName();
	}
}
