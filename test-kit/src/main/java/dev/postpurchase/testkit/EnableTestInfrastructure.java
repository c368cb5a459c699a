package dev.postpurchase.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Points a Spring Boot test at the JVM-wide {@link TestInfrastructure}: Kafka
 * ({@code spring.kafka.bootstrap-servers}), MongoDB ({@code spring.mongodb.uri}) and the
 * development OAuth2 issuer ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri},
 * {@code .issuer-uri} and {@code .audiences}), whose tokens {@link TestTokens} hands out.
 *
 * <p>The database name is not set: each service sets {@code spring.mongodb.database} in its own
 * configuration, and its tests share that database.
 *
 * <pre>{@code
 * @SpringBootTest
 * @EnableTestInfrastructure
 * class ShipmentTrackingIntegrationTests {
 *     ... web.get().uri("/api/v1/orders/{id}", id).headers(h -> h.setBearerAuth(TestTokens.of("orders:read"))) ...
 * }
 * }</pre>
 *
 * Test classes with the same configuration share one cached Spring context, and closing a context
 * never stops the shared Kafka or MongoDB.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(TestInfrastructureSelector.class)
public @interface EnableTestInfrastructure {

}
