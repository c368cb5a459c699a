package dev.postpurchase.reliability;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.GroupState;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.postpurchase.localstack.RunningStack;

import static org.awaitility.Awaitility.await;

/**
 * The one platform every reliability test of this JVM shares: started before the first test class
 * that uses this extension, stopped after the last test of the run, when the results table is
 * written. Test methods and lifecycle methods get the {@link Platform} and the {@link Report} as
 * parameters. The services' output goes to {@code target/reliability-stack.log}.
 *
 * <p>The stack runs as the local stack does, but with every milestone sent at once (no collapse
 * window: a stream's expected messages do not depend on timing) and shorter retry waits, so a
 * scenario catches up in seconds rather than minutes; see {@link #SERVICE_PROPERTIES}.
 */
final class ReliabilityStack implements BeforeAllCallback, ParameterResolver {

	/** {@code -Dreliability.long=true}: bigger streams and the full fault durations. */
	static final boolean LONG = Boolean.getBoolean("reliability.long");

	static final Path LOG = Path.of("target", "reliability-stack.log");

	/** What the reliability stack sets on top of the local stack's settings, and why. */
	static final Map<String, String> SERVICE_PROPERTIES = Map.of(
			// every milestone is due and sent at once; collapsing is notification-service's own tests' business
			"notifications.collapse-window", "0s",
			// a message whose send failed is tried again after 5 s, doubling up to 30 s (production: 1 min up to 30 min)
			"notifications.retry.backoff", "5s", "notifications.retry.max-backoff", "30s",
			// an attempt cut short by a crash is taken again after 30 s (production: 2 min)
			"notifications.retry.lease", "30s");

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ReliabilityStack.class);

	static {
		// the simulators run in this JVM: a service killed mid-conversation ends a thread of theirs with an
		// exception, which is the point of the test, not a failure of whatever the test awaits meanwhile
		Awaitility.doNotCatchUncaughtExceptionsByDefault();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		shared(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		var type = parameter.getParameter().getType();
		return type == Platform.class || type == Report.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		var shared = shared(context);
		return parameter.getParameter().getType() == Platform.class ? shared.platform : shared.report;
	}

	private static Shared shared(ExtensionContext context) {
		return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Shared.class.getName(), key -> Shared.start(),
				Shared.class);
	}

	/** The stack, its clients and the report; closed by JUnit when the run ends. */
	static final class Shared implements AutoCloseable {

		private final Path home;

		private final PrintStream log;

		private final RunningStack stack;

		private final Platform platform;

		private final Report report;

		private Shared(Path home, PrintStream log, RunningStack stack) {
			this.home = home;
			this.log = log;
			this.stack = stack;
			this.platform = new Platform(stack);
			this.report = new Report(LONG ? "long (-Dreliability.long=true)" : "short (CI)", log);
		}

		static Shared start() {
			try {
				var home = Files.createTempDirectory("reliability-stack");
				Files.createDirectories(LOG.getParent());
				var log = new PrintStream(new FileOutputStream(LOG.toFile()), true, StandardCharsets.UTF_8);
				var stack = RunningStack.start(home, SERVICE_PROPERTIES, log);
				awaitConsumersSettled(stack.kafkaBootstrapServers());
				return new Shared(home, log, stack);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * Waits until every service's consumers have joined their groups and got their partitions, so the
		 * first scenario does not count the start-up as a recovery.
		 */
		private static void awaitConsumersSettled(String bootstrapServers) {
			try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
				await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
					var groups = admin.listGroups().all().get().stream().map(GroupListing::groupId).toList();
					return !groups.isEmpty() && admin.describeConsumerGroups(groups)
						.all()
						.get()
						.values()
						.stream()
						.allMatch(group -> group.groupState() == GroupState.STABLE && !group.members().isEmpty());
				});
			}
		}

		@Override
		public void close() throws IOException {
			try {
				this.report.write();
				this.platform.close();
			}
			finally {
				this.stack.close();
				this.log.close();
				try (var files = Files.walk(this.home)) {
					files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
				}
			}
		}

	}

}
