package dev.postpurchase.localstack;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.postpurchase.kit.webhook.HmacSignatures;
import dev.postpurchase.testkit.DevRoles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The parts docker compose runs from the local stack's image: {@code --simulators} (the provider
 * simulators and the development issuer, for other containers) and {@code --demo-only} (demo traffic
 * against services that run elsewhere), each on a free port, their shared state in a temporary folder.
 */
class StandaloneTests {

	private static final String TWILIO_ACCOUNT_SID = "AC00000000000000000000000000000042";

	private static final String TWILIO_AUTH_TOKEN = "compose-twilio-auth-token-0000042";

	private static final String SHOPIFY_WEBHOOK_SECRET = "compose-shopify-webhook-secret-0000000042";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path workingDirectory;

	@Test
	void simulatorsServeTheIssuersPublicKeysThatVerifyTheTokensTheyWroteAndAcceptTheCredentialsOfTheEnvironment()
			throws Exception {
		var environment = simulatorsEnvironment();
		var settings = Settings.from(List.of("--simulators"), environment, this.workingDirectory);
		try (var simulators = Standalone.simulators(settings, environment)) {
			var tokens = DevTokens.read(settings.tokensFile());
			assertThat(tokens).containsOnlyKeys(Arrays.stream(DevRoles.values()).map(DevRoles::id).toList());

			var keys = get(simulators.baseUrl().resolve("/.well-known/jwks.json"));
			assertThat(keys.statusCode()).isEqualTo(200);
			var keySet = JWKSet.parse(keys.body());
			assertThat(keySet.getKeys()).isNotEmpty().noneMatch(key -> key.isPrivate());
			var token = SignedJWT.parse(tokens.get(DevRoles.PLATFORM.id()));
			var key = keySet.getKeyByKeyId(token.getHeader().getKeyID());
			assertThat(key).as("the key the token names").isNotNull();
			assertThat(token.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
			// what the services compare with their issuer-uri
			assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo("http://localhost:8090");

			// the Twilio account of the environment (compose gives notification-service the same) is accepted
			var sms = this.http.send(HttpRequest.newBuilder(simulators.baseUrl()
				.resolve("/twilio/2010-04-01/Accounts/" + TWILIO_ACCOUNT_SID + "/Messages.json"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("Authorization", SimulatorFixture.basic(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN))
				.POST(HttpRequest.BodyPublishers.ofByteArray(SimulatorHttp.formBody(Map.of("To", List.of("+447700900123"),
						"From", List.of("+15005550006"), "Body", List.of("Your order has shipped")))))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(sms.statusCode()).as(sms.body()).isEqualTo(201);

			// mail goes to Mailpit in compose: the page says so instead of listing an empty inbox
			assertThat(get(simulators.baseUrl().resolve("/")).body()).contains("Mailpit");
		}
	}

	@Test
	void simulatorsAnswerOnTheNetworkNotOnlyOnTheLoopbackAddress() throws Exception {
		var address = NetworkInterface.networkInterfaces()
			.filter(StandaloneTests::isUp)
			.flatMap(NetworkInterface::inetAddresses)
			.filter(candidate -> candidate instanceof Inet4Address && !candidate.isLoopbackAddress())
			.findFirst();
		Assumptions.assumeTrue(address.isPresent(), "this machine has no network address besides the loopback one");
		var environment = simulatorsEnvironment();
		var settings = Settings.from(List.of("--simulators"), environment, this.workingDirectory);
		try (var simulators = Standalone.simulators(settings, environment)) {
			var fromTheNetwork = URI.create("http://" + address.get().getHostAddress() + ":" + simulators.baseUrl().getPort()
					+ "/.well-known/jwks.json");

			assertThat(get(fromTheNetwork).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void demoOnlyPlacesOrdersAtTheServicesOfTheEnvironmentWithTheTokensAndSecretsTheSimulatorsWrote() throws Exception {
		var environment = simulatorsEnvironment();
		var settings = Settings.from(List.of("--simulators"), environment, this.workingDirectory);
		try (var simulators = Standalone.simulators(settings, environment);
				var services = new SimulatorFixture.Receiver()) {
			services.answer = 201;
			// as in compose, the demo knows only where the services are: tokens and secrets are the simulators'
			var demoEnvironment = new HashMap<String, String>();
			Service.ALL.forEach(service -> demoEnvironment.put(service.name().toUpperCase().replace('-', '_') + "_URL",
					services.url("").toString()));
			var demoSettings = Settings.from(List.of("--demo-only"), demoEnvironment, this.workingDirectory);

			try (var demo = Standalone.demo(demoSettings, demoEnvironment)) {
				await().atMost(Duration.ofSeconds(20)).until(() -> !orders(services).isEmpty());
			}
			var tokens = DevTokens.read(settings.tokensFile());
			assertThat(orders(services)).allSatisfy(order -> {
				if (order.uri().getPath().equals("/api/v1/orders")) {
					assertThat(order.headers().getFirst("Authorization"))
						.isEqualTo("Bearer " + tokens.get(DevRoles.PLATFORM.id()));
				}
				else {
					assertThat(order.headers().getFirst("X-Shopify-Hmac-Sha256"))
						.isEqualTo(HmacSignatures.signBase64(SHOPIFY_WEBHOOK_SECRET, order.body()));
				}
			});
		}
	}

	private static List<SimulatorFixture.Receiver.Request> orders(SimulatorFixture.Receiver services) {
		return services.requests.stream()
			.filter(request -> request.uri().getPath().equals("/api/v1/orders")
					|| request.uri().getPath().equals("/webhooks/shopify"))
			.toList();
	}

	private static Map<String, String> simulatorsEnvironment() {
		return Map.of("SIMULATORS_PORT", String.valueOf(SimulatorFixture.freePorts(1)[0]), "TWILIO_ACCOUNT_SID",
				TWILIO_ACCOUNT_SID, "TWILIO_AUTH_TOKEN", TWILIO_AUTH_TOKEN, "SHOPIFY_WEBHOOK_SECRET", SHOPIFY_WEBHOOK_SECRET);
	}

	private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static boolean isUp(NetworkInterface networkInterface) {
		try {
			return networkInterface.isUp();
		}
		catch (SocketException ex) {
			return false;
		}
	}
}
