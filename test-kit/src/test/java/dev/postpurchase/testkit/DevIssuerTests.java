package dev.postpurchase.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The issuer's tokens, checked by the decoder and validators Spring Boot configures for the services. */
class DevIssuerTests {

	private static final DevIssuer issuer = DevIssuer.inMemory(0);

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path dir;

	@BeforeAll
	static void start() {
		issuer.start();
	}

	@AfterAll
	static void stop() {
		issuer.stop();
	}

	@Test
	void mintsTokensTheServicesAccept() {
		var token = issuer.mint("agent-7", Duration.ofHours(1), "orders:read", "support");

		var jwt = decoder(issuer).decode(token).block();

		assertThat(jwt.getSubject()).isEqualTo("agent-7");
		assertThat(jwt.getIssuer()).hasToString(issuer.issuer());
		assertThat(jwt.getAudience()).containsExactly("post-purchase-ops");
		assertThat(jwt.getId()).isNotBlank();
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(1));
		assertThat(jwt.getHeaders()).containsEntry("alg", "RS256").containsEntry("kid", issuer.keyId());
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("orders:read support");
		assertThat(authorities(jwt)).containsExactlyInAnyOrder("SCOPE_orders:read", "SCOPE_support");
	}

	@Test
	void mintsTokensForTheReadyMadeRoles() {
		var jwt = decoder(issuer).decode(issuer.mint(DevRoles.RETURNS_AGENT, Duration.ofMinutes(5))).block();

		assertThat(jwt.getSubject()).isEqualTo("dev-returns-agent");
		assertThat(authorities(jwt)).containsExactlyInAnyOrder("SCOPE_returns:write", "SCOPE_orders:read");
	}

	@Test
	void expiredTokensAreRefused() {
		var token = issuer.mintExpired("agent-7", "orders:read");

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder(issuer).decode(token).block())
			.withMessageContaining("expired");
	}

	@Test
	void tokensSignedByAForeignKeyAreRefused() {
		var token = issuer.mintWithForeignKey("agent-7", Duration.ofHours(1), "orders:read");

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder(issuer).decode(token).block())
			.havingRootCause()
			.withMessageContaining("Invalid signature");
	}

	@Test
	void tokensForAnotherAudienceOrFromAnotherIssuerAreRefused() {
		var otherAudience = issuer.sign(issuer.claims("agent-7", Duration.ofHours(1), "orders:read").audience("billing").build());
		var otherIssuer = issuer.sign(issuer.claims("agent-7", Duration.ofHours(1), "orders:read")
			.issuer("http://localhost:1")
			.build());

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder(issuer).decode(otherAudience).block())
			.withMessageContaining("aud");
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder(issuer).decode(otherIssuer).block())
			.withMessageContaining("iss");
	}

	@Test
	void aTokenWithoutScopesGrantsNothing() {
		var jwt = decoder(issuer).decode(issuer.mint("nobody", Duration.ofMinutes(5))).block();

		assertThat(jwt.hasClaim("scope")).isFalse();
		assertThat(authorities(jwt)).isEmpty();
	}

	@Test
	void scopesAreSingleWords() {
		assertThatIllegalArgumentException().isThrownBy(() -> issuer.mint("agent-7", Duration.ofHours(1), "orders:read support"));
	}

	@Test
	void servesOnlyThePublicKey() throws Exception {
		var response = get(issuer.jwkSetUri());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		var keys = JWKSet.parse(response.body()).getKeys();
		assertThat(keys).singleElement().satisfies(key -> {
			assertThat(key.getKeyID()).isEqualTo(issuer.keyId());
			assertThat(key.isPrivate()).isFalse();
		});
		assertThat(response.body()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
		assertThat(get(issuer.issuer() + "/other").statusCode()).isEqualTo(404);
		var post = this.http.send(HttpRequest.newBuilder(URI.create(issuer.jwkSetUri())).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(post.statusCode()).isEqualTo(405);
	}

	@Test
	void namesTheResourceServerProperties() {
		assertThat(issuer.resourceServerProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "http://localhost:" + issuer.port() + "/.well-known/jwks.json",
				"spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://localhost:" + issuer.port(),
				"spring.security.oauth2.resourceserver.jwt.audiences", "post-purchase-ops"));
	}

	@Test
	void keepsItsKeyInAnOwnerOnlyFileAndReusesItAfterARestart() throws Exception {
		var keyFile = this.dir.resolve("issuer/signing-key.json");
		String token;
		String keyId;
		int port;
		try (var first = DevIssuer.withKeyFile(keyFile, 0)) {
			first.start();
			token = first.mint(DevRoles.AGENT, Duration.ofDays(30));
			keyId = first.keyId();
			port = first.port();
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent()))).isEqualTo("rwx------");

		try (var restarted = DevIssuer.withKeyFile(keyFile, port)) {
			restarted.start();

			assertThat(restarted.keyId()).isEqualTo(keyId);
			assertThat(decoder(restarted).decode(token).block().getSubject()).isEqualTo("dev-agent");
		}
		// a new key for another stack
		assertThat(DevIssuer.withKeyFile(this.dir.resolve("other.json"), 0).keyId()).isNotEqualTo(keyId);
	}

	@Test
	void refusesAKeyFileWithoutAPrivateKey() throws Exception {
		var keyFile = this.dir.resolve("signing-key.json");
		Files.writeString(keyFile, JWKSet.parse(get(issuer.jwkSetUri()).body()).getKeys().get(0).toJSONString());

		assertThatIllegalStateException().isThrownBy(() -> DevIssuer.withKeyFile(keyFile, 0))
			.withMessageContaining("delete it");
	}

	/** As Spring Boot builds it from the three properties (a JWK set URI: no discovery call). */
	private static NimbusReactiveJwtDecoder decoder(DevIssuer issuer) {
		var decoder = NimbusReactiveJwtDecoder.withJwkSetUri(issuer.jwkSetUri()).build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(issuer.issuer()),
				new JwtAudienceValidator(DevIssuer.AUDIENCE)));
		return decoder;
	}

	private static List<String> authorities(Jwt jwt) {
		return new JwtGrantedAuthoritiesConverter().convert(jwt).stream().map(GrantedAuthority::getAuthority).toList();
	}

	private HttpResponse<String> get(String uri) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
	}
}
