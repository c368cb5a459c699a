package dev.postpurchase.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo traffic for {@code --demo}: started once every service is ready, closed when the stack
 * stops. It will post orders to order-service's public API; until then it only says so.
 */
final class DemoTraffic implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

	private DemoTraffic() {
	}

	/**
	 * Starts sending demo traffic in the background and returns at once.
	 *
	 * @param endpoints the running services (base URLs), Kafka, MongoDB and the development secrets
	 */
	static DemoTraffic start(StackEndpoints endpoints) {
		log.warn("--demo: demo traffic is not implemented yet; the stack runs without it");
		return new DemoTraffic();
	}

	/** Stops sending; called before the services stop. */
	@Override
	public void close() {
	}
}
