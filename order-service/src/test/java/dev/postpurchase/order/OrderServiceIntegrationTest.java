package dev.postpurchase.order;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

import dev.postpurchase.testkit.EnableTestInfrastructure;

/**
 * order-service on the test infrastructure, on a random port. Every integration test of the service
 * uses this one configuration, so they all share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { OrderServiceApplication.CONFIG_NAME, "orders.shopify.webhook-secret=test-secret",
				"orders.shopify.previous-webhook-secret=test-previous-secret",
				"postpurchase.security.customer-links.keys[0].id=test-1",
				"postpurchase.security.customer-links.keys[0].secret=test-link-key-0123456789abcdefghijkl",
				// behind a proxy the client address comes from X-Forwarded-For; tests use it to be distinct callers
				"server.forward-headers-strategy=framework" })
@AutoConfigureWebTestClient(timeout = "30s") // CI machines can be slow; a hang still fails
@EnableTestInfrastructure
public @interface OrderServiceIntegrationTest {

}
