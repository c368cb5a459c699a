package dev.postpurchase.localstack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.postpurchase.testkit.DevIssuer;
import dev.postpurchase.testkit.DevRoles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DevTokensTests {

	// minting needs no running server
	private static final DevIssuer issuer = DevIssuer.inMemory(0);

	@TempDir
	Path dir;

	@Test
	void writesATokenForEveryRoleValidForThirtyDaysOwnerOnly() throws Exception {
		var file = this.dir.resolve(".local-stack/tokens.json");

		var tokens = DevTokens.write(issuer, file);

		var stored = JsonMapper.shared().readValue(file, new TypeReference<Map<String, String>>() {
		});
		assertThat(stored).isEqualTo(tokens)
			.containsOnlyKeys(Arrays.stream(DevRoles.values()).map(DevRoles::id).toList())
			.containsKeys("platform", "agent", "returns-agent", "analyst", "admin");
		for (var role : DevRoles.values()) {
			var claims = SignedJWT.parse(stored.get(role.id())).getJWTClaimsSet();
			assertThat(claims.getStringClaim("scope")).isEqualTo(String.join(" ", role.scopes()));
			assertThat(claims.getIssuer()).isEqualTo(issuer.issuer());
			assertThat(claims.getExpirationTime().toInstant())
				.isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
	}

	@Test
	void theBannersShellCommandReadsTheRolesTokenFromTheFile() throws Exception {
		// a path that needs quoting, as a checkout folder might
		var file = this.dir.resolve("my stack's state/tokens.json");
		var tokens = DevTokens.write(issuer, file);

		for (var role : DevRoles.values()) {
			assertThat(runInShell(DevTokens.readCommand(role, file) + "; printf '%s' \"$TOKEN\"")).as(role.id())
				.isEqualTo(tokens.get(role.id()));
		}
	}

	private static String runInShell(String command) throws Exception {
		var process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
	}
}
