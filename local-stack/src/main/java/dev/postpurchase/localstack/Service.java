package dev.postpurchase.localstack;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A service the local stack runs, in its own JVM, with {@code spring.config.name} = its name.
 *
 * @param name the service's name, also its configuration file's name
 * @param defaultPort its HTTP port unless {@code <NAME>_PORT} (e.g. {@code ORDER_SERVICE_PORT}) is set
 * @param mainClass its {@code @SpringBootApplication} class; a name, so this module compiles on its own
 */
record Service(String name, int defaultPort, String mainClass) {

	/** Every service of the platform; adding one is one line. */
	static final List<Service> ALL = List.of(
			new Service("order-service", 8081, "dev.postpurchase.order.OrderServiceApplication"),
			new Service("tracking-service", 8082, "dev.postpurchase.tracking.TrackingServiceApplication"),
			new Service("notification-service", 8083,
					"dev.postpurchase.notification.NotificationServiceApplication"),
			new Service("returns-service", 8084, "dev.postpurchase.returns.ReturnsServiceApplication"),
			new Service("cx-metrics-service", 8085, "dev.postpurchase.metrics.CxMetricsServiceApplication"),
			new Service("customer-pages", 8080, "dev.postpurchase.pages.CustomerPagesApplication"));

	static Optional<Service> named(String name) {
		return ALL.stream().filter(service -> service.name().equals(name)).findFirst();
	}

	int port(Map<String, String> environment) {
		return Settings.port(environment, portVariable(), this.defaultPort);
	}

	/**
	 * Where it answers when it runs elsewhere (another container): {@code <NAME>_URL} (e.g.
	 * {@code ORDER_SERVICE_URL}), default {@code http://localhost:<port>}.
	 */
	URI url(Map<String, String> environment) {
		var url = environment.get(variable("URL"));
		return URI.create(url == null || url.isBlank() ? "http://localhost:" + port(environment) : url.trim());
	}

	String portVariable() {
		return variable("PORT");
	}

	private String variable(String suffix) {
		return this.name.toUpperCase(Locale.ROOT).replace('-', '_') + "_" + suffix;
	}
}
