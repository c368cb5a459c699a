package dev.postpurchase.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import dev.postpurchase.testkit.DevIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One part of the local stack on its own, for when the rest runs elsewhere. In docker compose
 * ({@code docker-compose.yml} at the repository root) Kafka, MongoDB and every service have a
 * container of their own, and the local stack's image runs twice more:
 *
 * <ul>
 * <li>{@code --simulators}: the provider simulators (Twilio, WhatsApp Cloud API, Stripe; mail goes to
 * Mailpit) on every network interface, and the development issuer: its signing key, and a token per
 * role, in {@code .local-stack/} (a volume the demo reads too). The issuer's own server answers on the
 * loopback address only, so the simulators serve its public keys to the services
 * ({@code GET /.well-known/jwks.json}); the tokens' {@code iss} stays {@code http://localhost:8090}
 * ({@code ISSUER_PORT}), which is all the services compare.</li>
 * <li>{@code --demo-only}: the demo traffic, against the services at {@code <SERVICE>_URL} (e.g.
 * {@code ORDER_SERVICE_URL}; the customer pages' is only shown in the sample tracking link, so it is
 * the address a browser reaches them at), with the tokens and secrets the simulators wrote.</li>
 * </ul>
 *
 * The development secrets come from the environment, as for the whole stack ({@link DevSecrets}):
 * compose gives the simulators and the services the same values.
 */
final class Standalone {

	private static final Logger log = LoggerFactory.getLogger(Standalone.class);

	private Standalone() {
	}

	/** Starts the simulators and writes the issuer's tokens; they run until closed. */
	static Simulators simulators(Settings settings, Map<String, String> environment) {
		var secrets = DevSecrets.loadOrCreate(settings.secretsFile(), environment);
		var issuer = DevIssuer.withKeyFile(settings.issuerKeyFile(), settings.issuerPort());
		DevTokens.write(issuer, settings.tokensFile());
		var notificationService = Service.named("notification-service").orElseThrow().url(environment);
		var simulators = new Simulators(Simulators.Settings.of(Settings.simulatorsPort(environment), 0, secrets,
				notificationService).onEveryInterface(publicKeySet(settings.issuerKeyFile())), Clock.systemUTC());
		simulators.start();
		log.info("Provider simulators (Twilio, WhatsApp Cloud API, Stripe) on every interface, port {}; everything "
				+ "received at /. Development issuer {} (key {}): public keys at {}, a token per role in {}",
				simulators.baseUrl().getPort(), issuer.issuer(), issuer.keyId(), DevIssuer.JWKS_PATH, settings.tokensFile());
		return simulators;
	}

	/** Starts the demo traffic against running services; it runs until closed. */
	static DemoTraffic demo(Settings settings, Map<String, String> environment) {
		var tokens = DevTokens.read(settings.tokensFile());
		var secrets = DevSecrets.loadOrCreate(settings.secretsFile(), environment);
		var services = new LinkedHashMap<String, URI>();
		Service.ALL.forEach(service -> services.put(service.name(), service.url(environment)));
		log.info("Demo traffic against {}", services);
		return DemoTraffic.start(services, secrets.get("shopifyWebhookSecret"), tokens);
	}

	/** The public half of the issuer's signing key (the JWK file {@link DevIssuer#withKeyFile} keeps), as a JWK set. */
	private static String publicKeySet(Path keyFile) {
		try {
			return new JWKSet(RSAKey.parse(Files.readString(keyFile))).toPublicJWKSet().toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + keyFile, ex);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(keyFile + " is not an RSA JWK", ex);
		}
	}
}
