package dev.postpurchase.reliability;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The results table of one run: a row per scenario, printed as each one ends and, when the run ends,
 * as a whole to the output and to {@code target/reliability-report.md}.
 */
final class Report {

	static final Path FILE = Path.of("target", "reliability-report.md");

	/**
	 * One scenario's counts.
	 *
	 * @param events what was sent through the public interfaces: orders, fulfillments, carrier updates,
	 *     return requests and return scans, poison records
	 * @param expected the effects the platform owed: messages due, refunds, orders and returns in their
	 *     final state, KPI counts
	 * @param seen the effects observed of those
	 * @param duplicates effects observed more than once, or that nothing asked for
	 * @param resent messages the provider took just before notification-service was killed, sent again
	 *     after its restart (at-least-once delivery; see {@link Scenario#killsNotificationService()})
	 * @param deadLetters records of the scenario in a dead-letter topic
	 * @param poison poison records sent (each must be in a dead-letter topic, and nothing else)
	 * @param fault how long the fault lasted (for a crash: from the kill until the restarted service was ready)
	 * @param recovery from the end of the fault until every effect was observed; null when it never was
	 * @param problems what was lost, duplicated or wrong, one line each
	 * @param notes what the rules allowed that a reader may wonder about, one line each
	 */
	record Row(String scenario, int orders, int events, int expected, int seen, int duplicates, int resent, int deadLetters,
			int poison, Duration fault, Duration recovery, List<String> problems, List<String> notes) {

		String line() {
			return "| " + this.scenario + " | " + this.orders + " | " + this.events + " | " + this.expected + " | " + this.seen
					+ " | " + this.duplicates + " | " + this.resent + " | " + this.deadLetters + " (" + this.poison + " poison sent) | " + seconds(this.fault)
					+ " | " + (this.recovery == null ? "not recovered" : seconds(this.recovery)) + " |";
		}

		private static String seconds(Duration duration) {
			return String.format("%.1f s", duration.toMillis() / 1000.0);
		}
	}

	private final List<Row> rows = new ArrayList<>();

	private final String mode;

	private final PrintStream log;

	private final Instant started = Instant.now();

	/** @param log where the rows (and progress) are told too as they come: the stack's log, next to what caused them */
	Report(String mode, PrintStream log) {
		this.mode = mode;
		this.log = log;
	}

	synchronized void add(Row row) {
		this.rows.add(row);
		tell(row.line() + (row.problems().isEmpty() ? "" : " problems: " + row.problems()));
	}

	/** A line of progress, to the output and the stack's log. */
	void tell(String line) {
		System.out.println("Reliability: " + line);
		this.log.println("reliability          | " + line);
	}

	synchronized String markdown() {
		var text = new StringBuilder();
		text.append("# Reliability report\n\n");
		text.append("Mode: ").append(this.mode).append("; run started ").append(this.started).append(".\n\n");
		text.append("| scenario | orders | events sent | effects expected | effects seen | duplicates | resent after a crash "
				+ "| DLT records | fault lasted | time to recover |\n");
		text.append("|---|---|---|---|---|---|---|---|---|---|\n");
		this.rows.forEach(row -> text.append(row.line()).append('\n'));
		section(text, "Problems", Row::problems);
		section(text, "Notes", Row::notes);
		return text.toString();
	}

	private void section(StringBuilder text, String title, Function<Row, List<String>> lines) {
		var rows = this.rows.stream().filter(row -> !lines.apply(row).isEmpty()).toList();
		if (rows.isEmpty()) {
			return;
		}
		text.append("\n## ").append(title).append('\n');
		for (var row : rows) {
			text.append("\n### ").append(row.scenario()).append("\n\n");
			lines.apply(row).forEach(line -> text.append("- ").append(line).append('\n'));
		}
	}

	/** Prints the table and writes it to {@link #FILE}. */
	synchronized void write() {
		var text = markdown();
		System.out.println(text);
		try {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + FILE, ex);
		}
	}

}
