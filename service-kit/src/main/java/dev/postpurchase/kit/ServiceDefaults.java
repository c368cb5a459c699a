package dev.postpurchase.kit;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings every service shares ({@code postpurchase-defaults.yml}: infrastructure addresses of
 * the local stack, probes, the Prometheus endpoint, problem details, the development issuer, log
 * levels), added with the lowest precedence: a service's own file, the environment and the command
 * line all override them. Each service's file then holds only what is its own.
 */
class ServiceDefaults implements EnvironmentPostProcessor {

	static final String RESOURCE = "postpurchase-defaults.yml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			for (var source : new YamlPropertySourceLoader().load("postpurchase-defaults",
					new ClassPathResource(RESOURCE, ServiceDefaults.class.getClassLoader()))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
	}

}
