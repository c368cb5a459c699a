package dev.postpurchase.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A development OAuth2 issuer: an RSA key pair whose public half it serves as a JWK set over HTTP
 * ({@code GET /.well-known/jwks.json}), and with which it signs access tokens for the services,
 * which are resource servers pointed at it ({@link #resourceServerProperties()}).
 *
 * <p>{@link #inMemory(int)} generates a key that lives as long as this object (tests);
 * {@link #withKeyFile(Path, int)} keeps it in a JWK file, readable by the owner only, generated on
 * first use and reused afterwards, so tokens stay valid across restarts (local stack).
 *
 * <pre>{@code
 * var issuer = DevIssuer.inMemory(0);
 * issuer.start();
 * var token = issuer.mint("agent-7", Duration.ofHours(1), "orders:read", "support");
 * }</pre>
 *
 * Tokens are RS256 JWTs ({@code typ} JWT, {@code kid} the key's RFC 7638 thumbprint) with
 * {@code iss} = {@link #issuer()}, {@code sub}, {@code aud} = {@value #AUDIENCE}, {@code iat},
 * {@code exp}, {@code jti} and the space-separated {@code scope} claim Spring Security maps to
 * {@code SCOPE_<scope>} authorities. Only for development: anyone who can read the key file can mint
 * any token.
 */
public final class DevIssuer extends LocalServer<HttpServer> {

	/** The audience of every token, and the one the services require. */
	public static final String AUDIENCE = "post-purchase-ops";

	public static final String JWKS_PATH = "/.well-known/jwks.json";

	public static final String JWK_SET_URI_PROPERTY = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

	public static final String ISSUER_URI_PROPERTY = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

	public static final String AUDIENCES_PROPERTY = "spring.security.oauth2.resourceserver.jwt.audiences";

	/** Well past the one minute of clock skew that Spring Security's timestamp check allows. */
	private static final Duration EXPIRED_FOR = Duration.ofHours(1);

	private final RSAKey key;

	private final int port;

	private final byte[] jwkSet;

	private RSAKey foreignKey;

	private DevIssuer(RSAKey key, int port) {
		this.key = key;
		this.port = port == 0 ? FreePorts.find() : port;
		this.jwkSet = new JWKSet(key).toPublicJWKSet().toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A fresh key, in memory only.
	 *
	 * @param port 0 for a free port (chosen now and kept for the life of this object)
	 */
	public static DevIssuer inMemory(int port) {
		return new DevIssuer(generateKey(), port);
	}

	/**
	 * The key kept in a JWK file (private key included): read when the file exists, otherwise
	 * generated and written, readable by the owner only.
	 *
	 * @param port 0 for a free port (chosen now and kept for the life of this object)
	 * @throws IllegalStateException when the file is not an RSA private JWK
	 */
	public static DevIssuer withKeyFile(Path keyFile, int port) {
		return new DevIssuer(Files.exists(keyFile) ? readKey(keyFile) : writeKey(keyFile, generateKey()), port);
	}

	/** Serves the JWK set. */
	@Override
	protected HttpServer open() {
		try {
			var newServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 0);
			newServer.createContext("/", this::serve);
			newServer.start();
			return newServer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot serve the development issuer's JWK set on port " + this.port, ex);
		}
	}

	/** Stops serving the JWK set; tokens it minted stay valid for a restarted issuer with the same key. */
	@Override
	protected void shut(HttpServer server) {
		server.stop(0);
	}

	/** The {@code iss} of its tokens, its base URL: {@code http://localhost:<port>}. */
	public String issuer() {
		return "http://localhost:" + this.port;
	}

	public String jwkSetUri() {
		return issuer() + JWKS_PATH;
	}

	public int port() {
		return this.port;
	}

	/** The signing key's id ({@code kid}), its RFC 7638 thumbprint. */
	public String keyId() {
		return this.key.getKeyID();
	}

	/**
	 * What a Spring Boot resource server needs to accept this issuer's tokens: its JWK set URI,
	 * issuer and audience.
	 */
	public Map<String, String> resourceServerProperties() {
		var properties = new LinkedHashMap<String, String>();
		properties.put(JWK_SET_URI_PROPERTY, jwkSetUri());
		properties.put(ISSUER_URI_PROPERTY, issuer());
		properties.put(AUDIENCES_PROPERTY, AUDIENCE);
		return properties;
	}

	/** A signed access token valid from now for {@code ttl}, with the given scopes (none: no scope claim). */
	public String mint(String subject, Duration ttl, String... scopes) {
		return sign(claims(subject, ttl, scopes).build());
	}

	/** A token for one of the ready-made roles, its subject {@link DevRoles#subject()}. */
	public String mint(DevRoles role, Duration ttl) {
		return mint(role.subject(), ttl, role.scopes().toArray(String[]::new));
	}

	/** A token that expired an hour ago, otherwise valid: resource servers must refuse it. */
	public String mintExpired(String subject, String... scopes) {
		var expiredAt = Instant.now().minus(EXPIRED_FOR);
		return sign(claims(subject, Duration.ZERO, scopes).issueTime(Date.from(expiredAt.minus(Duration.ofHours(1))))
			.expirationTime(Date.from(expiredAt))
			.build());
	}

	/**
	 * A token that names this issuer's key id but is signed by another key, one the JWK set does not
	 * hold (a forgery): resource servers must refuse it.
	 */
	public String mintWithForeignKey(String subject, Duration ttl, String... scopes) {
		return sign(claims(subject, ttl, scopes).build(), foreignKey());
	}

	/**
	 * The claims {@link #mint(String, Duration, String...)} signs, to change before {@link #sign}
	 * (another audience or issuer, a missing claim) for negative tests.
	 */
	public JWTClaimsSet.Builder claims(String subject, Duration ttl, String... scopes) {
		var now = Instant.now();
		var claims = new JWTClaimsSet.Builder().issuer(issuer())
			.subject(subject)
			.audience(AUDIENCE)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(ttl)))
			.jwtID(UUID.randomUUID().toString());
		if (scopes.length > 0) {
			for (var scope : scopes) {
				if (scope.isBlank() || scope.chars().anyMatch(Character::isWhitespace)) {
					throw new IllegalArgumentException("A scope is one word, not '" + scope + "'");
				}
			}
			claims.claim("scope", String.join(" ", scopes));
		}
		return claims;
	}

	/** Signs any claims with this issuer's key (RS256). */
	public String sign(JWTClaimsSet claims) {
		return sign(claims, this.key);
	}

	private String sign(JWTClaimsSet claims, RSAKey signingKey) {
		// the kid is always ours: a forged token must fail on its signature, not on an unknown kid
		var header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId()).type(JOSEObjectType.JWT).build();
		var jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(new RSASSASigner(signingKey));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a token", ex);
		}
		return jwt.serialize();
	}

	private synchronized RSAKey foreignKey() {
		if (this.foreignKey == null) {
			this.foreignKey = generateKey();
		}
		return this.foreignKey;
	}

	private void serve(HttpExchange exchange) throws IOException {
		try {
			var method = exchange.getRequestMethod();
			if (!JWKS_PATH.equals(exchange.getRequestURI().getPath())) {
				exchange.sendResponseHeaders(404, -1);
			}
			else if (!method.equals("GET") && !method.equals("HEAD")) {
				exchange.getResponseHeaders().set("Allow", "GET, HEAD");
				exchange.sendResponseHeaders(405, -1);
			}
			else {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, method.equals("HEAD") ? -1 : this.jwkSet.length);
				if (method.equals("GET")) {
					exchange.getResponseBody().write(this.jwkSet);
				}
			}
		}
		finally {
			exchange.close();
		}
	}

	private static RSAKey generateKey() {
		try {
			return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint(true)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot generate an RSA key pair", ex);
		}
	}

	private static RSAKey readKey(Path keyFile) {
		try {
			var key = RSAKey.parse(Files.readString(keyFile));
			if (!key.isPrivate() || key.getKeyID() == null) {
				throw new IllegalStateException(keyFile + " holds no RSA private key with a key id; delete it to "
						+ "generate a new key (tokens signed with the old one stop working)");
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + keyFile, ex);
		}
		catch (ParseException | IllegalArgumentException ex) {
			throw new IllegalStateException(keyFile + " is not an RSA JWK; delete it to generate a new key "
					+ "(tokens signed with the old one stop working)", ex);
		}
	}

	private static RSAKey writeKey(Path keyFile, RSAKey key) {
		var posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		try {
			var dir = keyFile.toAbsolutePath().getParent();
			if (!Files.isDirectory(dir)) {
				if (posix) {
					Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
				}
				else {
					Files.createDirectories(dir);
				}
			}
			var temporary = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
			Files.deleteIfExists(temporary);
			if (posix) {
				// created owner-only before the private key is written into it
				Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			Files.writeString(temporary, key.toJSONString());
			Files.move(temporary, keyFile, StandardCopyOption.ATOMIC_MOVE);
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the signing key to " + keyFile, ex);
		}
	}

	@Override
	public String toString() {
		return "DevIssuer[" + issuer() + ", kid=" + keyId() + "]";
	}
}
