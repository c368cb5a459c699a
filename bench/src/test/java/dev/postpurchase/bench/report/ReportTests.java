package dev.postpurchase.bench.report;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

import dev.postpurchase.bench.measure.Latencies;
import dev.postpurchase.bench.measure.RawKafkaProbe;
import dev.postpurchase.bench.measure.Sampler;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTests {

	private static final Results.Usage TRACKING = new Results.Usage("tracking-service", 0.62, 0.9, 180, 40, 205);

	private static final List<Results.Cost> COSTS = List.of(new Results.Cost("tracking-service", 1.25, 2.5, 1.5,
			Map.of("update shipments", 2.0, "find leases", 0.5, "hello admin", 0.01)),
			new Results.Cost("local-stack (Kafka, MongoDB, simulators)", 2.0, Double.NaN, Double.NaN),
			new Results.Cost("bench (load generator)", 0.5, Double.NaN, Double.NaN));

	private static Results.Step step(String name, double offered, double p99) {
		var latencies = new Latencies(50, p99 / 4, p99 / 2, p99, p99 * 2);
		return new Results.Step(name, offered, 50, 300, Double.isNaN(offered) ? 900 : offered, 30, true, 190, 31.5, 32.0,
				31.8, latencies, new Latencies(50, 3, 8, 12, 20), 50, "sms sent 50", List.of(TRACKING), "", 120, 40, COSTS);
	}

	private static Results.Run run() {
		return run(Duration.ofSeconds(90));
	}

	private static Results.Run run(Duration warmUp) {
		var conditions = new Results.Conditions(Instant.parse("2026-05-13T10:00:00Z"), "smoke", "java -jar bench.jar",
				"embedded", 2, "Test CPU", "24.0 GiB", "Linux", "OpenJDK 17", "4.1.2", "abc123", "0.50 0.40 0.30",
				Map.of("notifications.collapse-window", "0s"), "KAFKA", 6, Duration.ofSeconds(1), Duration.ofSeconds(5),
				warmUp);
		var incomplete = new Results.Step("scale 10000", 200, 50, 300, 199, 30, false, Double.NaN, 40, Double.NaN,
				Double.NaN, Latencies.NONE, Latencies.NONE, 0, "sms sent 10, undecided 40", List.of(TRACKING),
				"after 180 s: tracking 250 of 300 scans",
				110, Double.NaN, List.of());
		var scale = List.of(
				new Results.Scale(10_000, 10_000, 1.5, new Results.CheckerCost(3, 0.004, 0.006, 0), Results.CheckerCost.NONE,
						step("scale 10k", 200, 30)),
				new Results.Scale(100_000, 90_000, 9.5, new Results.CheckerCost(3, 0.005, 0.007, 0),
						new Results.CheckerCost(4, 0.006, 0.009, 1), incomplete));
		var samples = List.of(new Sampler.Sample(1_000_000, "tracking-service", 0.5, 10, 1e8, 3, 100, 5000, 700));
		return new Results.Run(conditions, new RawKafkaProbe.Result(50_000, 310, 3, 0.5, 0.8),
				new Results.OrderPhase(200, 20, 19.9, new Latencies(200, 40, 90, 120, 300), 200),
				List.of(step("200/s", 200, 80), step("2000/s", 2000, 95), step("max", Double.NaN, 900)), scale, samples,
				List.of("A note."), "0.70 0.50 0.40", Instant.parse("2026-05-13T10:05:00Z"));
	}

	@Test
	void hasEverySectionWithFiguresInIt() {
		var report = Report.render(run(), "");

		for (int i = 0; i < Report.SECTIONS.size(); i++) {
			var heading = "## " + Report.SECTIONS.get(i) + "\n";
			assertThat(report).contains(heading);
			int start = report.indexOf(heading) + heading.length();
			int end = i + 1 < Report.SECTIONS.size() ? report.indexOf("## " + Report.SECTIONS.get(i + 1)) : report.length();
			var body = report.substring(start, end);
			assertThat(body).as(heading).isNotBlank();
			// all but the notes and the list of files are figures
			if (i < Report.SECTIONS.indexOf("Notes")) {
				assertThat(Pattern.compile("[0-9]").matcher(body).find()).as("figures in " + heading).isTrue();
			}
		}
		assertThat(report).contains("| p99 scan to provider ≤ 100 ms at 2,000 updates/s | 95 ms | met |")
			.contains("| ≥ 20,000 carrier updates/s sustained end to end | 190 /s (step 200/s) | not met |")
			.contains("incomplete: after 180 s: tracking 250 of 300 scans")
			.contains("| 200/s | 50 | 300 | 200 | 200 | 190 | 0.3% |")
			.contains("| 200 | 20 | 20 | 200 of 200 | 40 / 90 / 120 / 300 |")
			.contains("`notifications.collapse-window` | `0s`")
			.contains("- A note.")
			.contains("Out-for-delivery messages: 200/s: sms sent 50;")
			.contains("scale 10000: sms sent 10, undecided 40.")
			.contains("[steps.csv](steps.csv)");
	}

	@Test
	void tellsWhatEachScanCostUntilThePlatformWasQuiet() {
		var report = Report.render(run(), "");

		// 300 scans in 40 s until quiet; the benchmark's own CPU is not the platform's
		assertThat(report).contains("| 200/s | 40.0 | 8 | tracking-service | 1.25 | 2.50 | 1.50 |")
			.contains("| 200/s | 40.0 | 8 | local-stack (Kafka, MongoDB, simulators) | 2.00 | n/a | n/a |")
			.contains("| 200/s | 40.0 | 8 | all but the benchmark | 3.25 | 2.50 | 1.50 |")
			.doesNotContain("| scale 10000 | n/a |");
		// where the commands went, at the busiest fixed rate; kinds under 0.05 per scan only in the CSV
		assertThat(report).contains("Where the MongoDB commands of step 2000/s went")
			.contains("| tracking-service | update | shipments | 2.00 |")
			.contains("| tracking-service | find | leases | 0.50 |")
			.doesNotContain("| hello | admin |");
	}

	@Test
	void saysWhetherTheMeasuredPhasesWereWarmedUp() {
		assertThat(Report.render(run(), ""))
			.contains("| warm-up | 90 s of scans before the measured phases, not reported (see the notes) |")
			.contains("for 90 s and waited until their messages were decided");
		assertThat(Report.render(run(Duration.ZERO), "")).contains("| warm-up | none (--warm-up 0s) |")
			.contains("No warm-up ran (--warm-up 0s)");
	}

	@Test
	void writesTheCsvFilesAndAChartOfTheLatencies(@TempDir Path directory) throws Exception {
		var run = run();

		CsvFiles.write(run, directory);
		var svg = LatencyChart.render("Scan to SMS", Report.chartPoints(run));

		for (var name : CsvFiles.NAMES) {
			assertThat(Files.readAllLines(directory.resolve(name))).as(name).hasSizeGreaterThanOrEqualTo(2);
		}
		assertThat(Files.readAllLines(directory.resolve("steps.csv")).get(1))
			.startsWith("200/s,200,200,50,300,true,190,31.500,32,31.800,50,20,40,80,160,")
			.endsWith(",40,7.500");
		assertThat(Files.readAllLines(directory.resolve("costs.csv"))).contains("200/s,tracking-service,1.250,2.500,1.500");
		assertThat(Files.readAllLines(directory.resolve("scale.csv")).get(2)).startsWith("100000,90000,9.500,3,");
		var document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
			.parse(new InputSource(new StringReader(svg)));
		assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
		// four percentiles, three steps each
		assertThat(document.getElementsByTagName("circle").getLength()).isEqualTo(12);
		assertThat(svg).contains(">p99<").contains(">max<").contains("200/s").contains("log scale");
	}

	@Test
	void chartsNothingWhenNothingWasMeasured() {
		var svg = LatencyChart.render("Scan to SMS", List.of(new LatencyChart.Point(200, "200/s", Latencies.NONE)));

		assertThat(svg).contains("no latency measured").doesNotContain("<circle");
	}
}
