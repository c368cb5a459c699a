package dev.postpurchase.returns;

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
 * returns-service on the test infrastructure, on a random port, with a clock tests move by hand.
 * Every integration test of the service uses this one configuration, so they all share one Spring
 * context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { ReturnsServiceApplication.CONFIG_NAME,
				"postpurchase.security.customer-links.keys[0].id=test-1",
				"postpurchase.security.customer-links.keys[0].secret=test-link-key-0123456789abcdefghijkl",
				// the payment provider's stand-in (PaymentStandIn), its base URL from PaymentStandInConfiguration
				"returns.payments.secret-key=" + PaymentStandIn.SECRET_KEY,
				"resilience4j.retry.instances.payments.wait-duration=10ms",
				"resilience4j.retry.instances.payments.exponential-max-wait-duration=50ms",
				// tests run the refund retry pass themselves
				"returns.refund-retry.interval=1h" })
@AutoConfigureWebTestClient(timeout = "30s") // CI machines can be slow; a hang still fails
@EnableTestInfrastructure
@Import({ TestClockConfiguration.class, PaymentStandInConfiguration.class })
public @interface ReturnsServiceIntegrationTest {

}
