package dev.postpurchase.testkit;

import java.util.List;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Turns the embedded servers' own logging down to WARN.
 *
 * <p>Both a system property and the current logging system are set: the level set now covers
 * logging before and between Spring contexts, while Spring Boot re-applies
 * {@code logging.level.*} from the environment (system properties included) whenever it
 * (re)initialises logging, which would otherwise reset the level. Levels that the project has
 * configured itself are left alone.
 */
final class QuietLogging {

	private static final List<String> LOGGERS = List.of("kafka", "org.apache.kafka", "state.change.logger",
			"de.bwaldvogel.mongo");

	private QuietLogging() {
	}

	static synchronized void apply() {
		for (var logger : LOGGERS) {
			System.getProperties().putIfAbsent("logging.level." + logger, "WARN");
		}
		try {
			var loggingSystem = LoggingSystem.get(QuietLogging.class.getClassLoader());
			for (var logger : LOGGERS) {
				var configuration = loggingSystem.getLoggerConfiguration(logger);
				if (configuration == null || configuration.getConfiguredLevel() == null) {
					loggingSystem.setLogLevel(logger, LogLevel.WARN);
				}
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// no logging system Spring Boot can drive: keep whatever levels it has
		}
	}
}
