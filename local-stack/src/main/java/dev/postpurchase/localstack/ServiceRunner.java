package dev.postpurchase.localstack;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Runs one service inside a child JVM ({@code --service=<name>} as the first argument): calls its
 * {@code @SpringBootApplication} class's main method with the remaining arguments.
 */
final class ServiceRunner {

	private ServiceRunner() {
	}

	static void run(String[] args) throws Throwable {
		var name = args[0].substring(ServiceCommand.SERVICE_ARGUMENT.length());
		var service = Service.named(name).orElseThrow(() -> new IllegalArgumentException("Unknown service '" + name
				+ "'; known: " + Service.ALL.stream().map(Service::name).collect(Collectors.joining(", "))));
		stopWithParent();
		Class<?> mainClass;
		try {
			mainClass = Class.forName(service.mainClass());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException(service.mainClass() + " (" + name + ") is not on the class path; "
					+ "build the project (./mvnw install) and run the local stack again", ex);
		}
		try {
			mainClass.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * Exits (gracefully) when the local stack's JVM is gone, even if it was killed without a
	 * chance to stop us: an orphaned service would keep its port and block the next start.
	 */
	private static void stopWithParent() {
		ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
			System.err.println("The local stack (pid " + parent.pid() + ") is gone; stopping");
			System.exit(0);
		}));
	}
}
