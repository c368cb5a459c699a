package dev.postpurchase.notification;

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
 * notification-service on the test infrastructure and the JVM-wide {@link SmtpServer}, on a random
 * port, with a clock tests move by hand. Every integration test of the service uses this one
 * configuration, so they all share one Spring context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { NotificationServiceApplication.CONFIG_NAME,
				"postpurchase.security.customer-links.keys[0].id=test-1",
				"postpurchase.security.customer-links.keys[0].secret=test-link-key-0123456789abcdefghijkl",
				"postpurchase.links.base-url=https://shop.example.test",
				// the test SMTP server (standing for an external one) logs each recipient it creates at INFO
				"logging.level.com.icegreen.greenmail=WARN",
				// tests run the passes over due messages themselves
				"notifications.retry.interval=1h",
				// the providers' stand-in (ProviderStandIn); the base URLs come from ProviderConfiguration
				"notifications.sms.account-sid=" + ProviderStandIn.ACCOUNT_SID,
				"notifications.sms.auth-token=" + ProviderStandIn.AUTH_TOKEN,
				"notifications.sms.previous-auth-token=test-twilio-previous-token-0123456",
				"notifications.sms.from=+3197010520000",
				"notifications.sms.timeout=1s",
				"notifications.sms.status-callback-url=https://notifications.example.test/webhooks/twilio/status",
				"notifications.whatsapp.phone-number-id=" + ProviderStandIn.PHONE_NUMBER_ID,
				"notifications.whatsapp.access-token=test-whatsapp-access-token",
				"notifications.whatsapp.app-secret=test-whatsapp-app-secret-0123456789",
				"notifications.whatsapp.previous-app-secret=test-whatsapp-previous-secret-01234",
				"notifications.whatsapp.verify-token=test-whatsapp-verify-token",
				// engagement links and one-click unsubscribe are under the service's public address
				"postpurchase.links.service-url=https://notifications.example.test",
				"notifications.engagement.secret=test-engagement-secret-0123456789abcdef",
				// a breaker that opens after 4 failed calls, and half-opens 2 s later
				"resilience4j.circuitbreaker.instances.sms.sliding-window-size=4",
				"resilience4j.circuitbreaker.instances.sms.minimum-number-of-calls=4",
				"resilience4j.circuitbreaker.instances.sms.wait-duration-in-open-state=2s",
				"resilience4j.retry.instances.sms.wait-duration=20ms" })
@AutoConfigureWebTestClient(timeout = "30s") // CI machines can be slow; a hang still fails
@EnableTestInfrastructure
@Import({ TestClockConfiguration.class, ProviderConfiguration.class })
public @interface NotificationServiceIntegrationTest {

}
