package dev.postpurchase.pages;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

/**
 * customer-pages on a random port, every backend pointed at the JVM-wide {@link BackendStandIn}. No
 * Kafka, no MongoDB: the module has neither. Every integration test uses this one configuration, so
 * they all share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { CustomerPagesApplication.CONFIG_NAME, "pages.timeout=1s", "pages.brand.name=Tulip & Co",
				"pages.brand.primary-color=#0B6E4F", "pages.brand.accent-color=#a33",
				"pages.brand.support-url=https://support.tulip.example/help", "pages.time-zone=Europe/Berlin" })
@AutoConfigureWebTestClient(timeout = "30s") // CI machines can be slow; a hang still fails
@Import(BackendStandIn.Configuration.class)
public @interface CustomerPagesIntegrationTest {

}
