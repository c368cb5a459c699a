package dev.postpurchase.tracking;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

import dev.postpurchase.testkit.EnableTestInfrastructure;

/**
 * tracking-service on the test infrastructure, on a random port, with a clock tests move by hand
 * ({@link TestClockConfiguration}). Every integration test of the service uses this one
 * configuration, so they all share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { TrackingServiceApplication.CONFIG_NAME, "tracking.aftership.webhook-secret=test-secret",
				"tracking.aftership.previous-webhook-secret=test-previous-secret",
				"postpurchase.security.customer-links.keys[0].id=test-1",
				"postpurchase.security.customer-links.keys[0].secret=test-link-key-0123456789abcdefghijkl",
				"server.forward-headers-strategy=framework",
				// tests run the checker themselves; the schedule would check other tests' parcels meanwhile
				"tracking.exceptions.check-interval=1h", "tracking.exceptions.metrics-interval=1h" })
@AutoConfigureWebTestClient(timeout = "30s") // CI machines can be slow; a hang still fails
@EnableTestInfrastructure
@Import({ TestClockConfiguration.class, ConcurrentWrites.class })
public @interface TrackingServiceIntegrationTest {

}
