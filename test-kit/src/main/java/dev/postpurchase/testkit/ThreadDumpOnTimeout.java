package dev.postpurchase.testkit;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * When a test fails because something timed out (a request that got no answer, an await that never
 * came true), adds the stacks of the threads that serve requests and messages to the failure, so a
 * CI log shows what was stuck. Registered for every test JVM by JUnit's extension autodetection
 * (the root pom turns it on); changes nothing else.
 */
public class ThreadDumpOnTimeout implements TestExecutionExceptionHandler {

	private static final Pattern SERVING = Pattern
		.compile("reactor|netty|nio|parallel|boundedElastic|kafka|mongo|listener|ForkJoin|main", Pattern.CASE_INSENSITIVE);

	private static final int FRAMES = 25;

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		if (timedOut(failure)) {
			failure.addSuppressed(new ThreadDump(dump(Thread.getAllStackTraces())));
		}
		throw failure;
	}

	private static boolean timedOut(Throwable failure) {
		for (var cause = failure; cause != null; cause = cause.getCause()) {
			var name = cause.getClass().getSimpleName();
			if (name.contains("Timeout") || String.valueOf(cause.getMessage()).contains("Timeout")) {
				return true;
			}
		}
		return false;
	}

	static String dump(Map<Thread, StackTraceElement[]> threads) {
		return threads.entrySet()
			.stream()
			.filter(entry -> SERVING.matcher(entry.getKey().getName()).find())
			.sorted(Comparator.comparing(entry -> entry.getKey().getName()))
			.map(entry -> "\"" + entry.getKey().getName() + "\" " + entry.getKey().getState() + "\n"
					+ Arrays.stream(entry.getValue()).limit(FRAMES).map(frame -> "\t\tat " + frame)
						.collect(Collectors.joining("\n")))
			.collect(Collectors.joining("\n", "Threads at the time out:\n", "\n"));
	}

	/** The thread stacks, carried as a suppressed exception of the failure. */
	static final class ThreadDump extends RuntimeException {

		ThreadDump(String dump) {
			super(dump, null, false, false);
		}

	}

}
