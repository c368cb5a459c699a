package dev.postpurchase.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service running in a child JVM, its output copied to ours line by line behind a
 * fixed-width {@code name |} prefix. A crash or kill of the child affects only that service.
 */
final class ServiceProcess {

	private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

	/** Wide enough for the longest service name, so the columns line up. */
	static final int PREFIX_WIDTH = 20;

	private final Service service;

	private final int port;

	private final Process process;

	private final Thread output;

	private volatile boolean stopping;

	private volatile boolean ready;

	private ServiceProcess(Service service, int port, Process process, PrintStream out) {
		this.service = service;
		this.port = port;
		this.process = process;
		this.output = new Thread(() -> copyOutput(out), "output-" + service.name());
		this.output.setDaemon(true);
	}

	static ServiceProcess start(Service service, int port, ServiceCommand command, PrintStream out) {
		var builder = new ProcessBuilder(command.command()).redirectErrorStream(true);
		builder.environment().putAll(command.environment());
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + service.name(), ex);
		}
		var started = new ServiceProcess(service, port, process, out);
		started.output.start();
		process.onExit().thenAccept(exited -> started.exited(exited.exitValue()));
		return started;
	}

	static String prefix(String name) {
		return String.format("%-" + PREFIX_WIDTH + "s | ", name);
	}

	Service service() {
		return this.service;
	}

	int port() {
		return this.port;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** The child JVM's handle. */
	ProcessHandle handle() {
		return this.process.toHandle();
	}

	/** Waits up to the timeout; returns whether the process has exited (and its last output is copied). */
	boolean awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			return false;
		}
		this.output.join(1000); // its last lines tell why it stopped
		return true;
	}

	int exitValue() {
		return this.process.exitValue();
	}

	void markReady() {
		this.ready = true;
	}

	/** Asks the service to shut down gracefully (SIGTERM: Spring Boot runs its shutdown hooks). */
	void requestStop() {
		this.stopping = true;
		// through the handle: Process.destroy() would also close the output we still copy,
		// losing the service's shutdown log
		this.process.toHandle().destroy();
	}

	void kill() {
		this.stopping = true;
		this.process.toHandle().destroyForcibly();
	}

	private void copyOutput(PrintStream out) {
		var prefix = prefix(this.service.name());
		try (var reader = new BufferedReader(new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				out.println(prefix + line);
			}
		}
		catch (IOException ex) {
			// the stream closes when the process ends; nothing is lost that we could still read
		}
	}

	private void exited(int exitCode) {
		if (this.stopping) {
			log.info("{} stopped (exit code {})", this.service.name(), exitCode);
		}
		else {
			// once up, the rest of the stack keeps running without it (restart the stack to get it back)
			log.error("{} (port {}, pid {}) EXITED UNEXPECTEDLY with exit code {}{}{}", this.service.name(), this.port,
					this.process.pid(), exitCode, signal(exitCode), this.ready ? "; the rest of the stack keeps running" : "");
		}
	}

	private static String signal(int exitCode) {
		return switch (exitCode) {
			case 130 -> " (SIGINT)";
			case 137 -> " (SIGKILL)";
			case 143 -> " (SIGTERM)";
			default -> "";
		};
	}
}
