package dev.postpurchase.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postpurchase.bench.load.Scans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTests {

	private static final Path ROOT = Path.of("/repo");

	@Test
	void theStandardProfileMeasuresWhatIssue11AsksFor() {
		var options = BenchOptions.parse(new String[0], ROOT);

		assertThat(options.rates()).contains(2000.0, 20000.0);
		assertThat(options.max()).isTrue();
		assertThat(options.scale()).containsExactly(10_000L, 100_000L, 1_000_000L);
		assertThat(options.target()).isNull();
		assertThat(options.stackJar()).isEqualTo(Path.of("/repo/local-stack/target/local-stack.jar"));
		assertThat(options.out()).isEqualTo(Path.of("/repo/bench/results"));
	}

	@Test
	void optionsOverrideTheProfile() {
		var options = BenchOptions.parse(new String[] { "--profile", "smoke", "--rate", "200/s,1k/s", "--max", "--duration=45s",
				"--scale", "1M,10k", "--scans-via", "rest", "--target", "local", "--max-scans", "2.5k" }, ROOT);

		assertThat(options.profile()).isEqualTo("smoke");
		assertThat(options.rates()).containsExactly(200.0, 1000.0);
		assertThat(options.max()).isTrue();
		assertThat(options.maxScans()).isEqualTo(2_500);
		assertThat(options.duration()).isEqualTo(Duration.ofSeconds(45));
		assertThat(options.scale()).containsExactly(10_000L, 1_000_000L);
		assertThat(options.scansVia()).isEqualTo(Scans.Via.REST);
		assertThat(options.target()).isEqualTo("local");
		assertThat(BenchOptions.parse(new String[] { "--scale", "none", "--no-max" }, ROOT).scale()).isEqualTo(List.of());
	}

	@Test
	void theMeasuredPhasesAreWarmedUpUnlessTheWarmUpIsZero() {
		assertThat(BenchOptions.parse(new String[0], ROOT).warmUp()).isEqualTo(Duration.ofSeconds(90));
		assertThat(BenchOptions.parse(new String[] { "--profile", "smoke" }, ROOT).warmUp())
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(BenchOptions.parse(new String[] { "--warm-up", "2m" }, ROOT).warmUp()).isEqualTo(Duration.ofMinutes(2));
		assertThat(BenchOptions.parse(new String[] { "--warm-up=0s" }, ROOT).warmUp()).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--warm-up", "soon" }, ROOT))
			.withMessageContaining("Not a duration");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--warm-up", "-5s" }, ROOT))
			.withMessageContaining("--warm-up");
	}

	@Test
	void setGivesThePlatformPropertiesOverTheBenchmarksOwn() {
		var options = BenchOptions.parse(new String[] { "--set", "notifications.collapse-window=2m", "--set=notifications.retry.interval = 30s" },
				ROOT);

		assertThat(Bench.benchmarkSettings(options)).containsEntry("notifications.collapse-window", "2m")
			.containsEntry("notifications.retry.interval", "30s")
			.containsEntry("tracking.exceptions.check-interval", "5000ms");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--set", "nothing" }, ROOT))
			.withMessageContaining("--set: name=value");
	}

	@Test
	void refusesWhatItDoesNotUnderstand() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--rat", "5" }, ROOT))
			.withMessageContaining("Unknown argument");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(new String[] { "--rate", "-5/s" }, ROOT))
			.withMessageContaining("positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(new String[] { "--scans-per-shipment", "3" }, ROOT))
			.withMessageContaining("at least 4");
	}
}
