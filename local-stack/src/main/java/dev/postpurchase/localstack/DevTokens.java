package dev.postpurchase.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.postpurchase.testkit.DevIssuer;
import dev.postpurchase.testkit.DevRoles;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ready-to-use tokens of the local stack: one per {@link DevRoles role}, minted by the
 * development issuer on every start and written to {@code .local-stack/tokens.json}
 * ({@code {"platform": "<jwt>", "agent": "<jwt>", ...}}, readable by the owner only).
 */
final class DevTokens {

	/** Long enough for a working month; the key stays the same across restarts, so do older tokens. */
	static final Duration VALIDITY = Duration.ofDays(30);

	private DevTokens() {
	}

	/** @return role id to token, for every role */
	static Map<String, String> write(DevIssuer issuer, Path file) {
		var tokens = new LinkedHashMap<String, String>();
		for (var role : DevRoles.values()) {
			tokens.put(role.id(), issuer.mint(role, VALIDITY));
		}
		PrivateFiles.writeJson(file, tokens);
		return tokens;
	}

	/**
	 * The tokens another process wrote (the simulators' container of docker compose, for the demo's).
	 *
	 * @return role id to token
	 * @throws IllegalStateException when there is no such file yet
	 */
	static Map<String, String> read(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException("No tokens at " + file + ": start the simulators (--simulators) or the "
					+ "local stack first, they write them");
		}
		return JsonMapper.shared().readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() {
		});
	}

	/** A shell command that puts a role's token from the file into {@code $TOKEN}, with sed only. */
	static String readCommand(DevRoles role, Path file) {
		return "TOKEN=$(sed -n 's/.*\"" + role.id() + "\" *: *\"\\([^\"]*\\)\".*/\\1/p' " + shellQuoted(file.toString())
				+ ")";
	}

	private static String shellQuoted(String value) {
		return value.matches("[A-Za-z0-9_./-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
	}
}
