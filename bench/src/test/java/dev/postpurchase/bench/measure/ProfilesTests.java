package dev.postpurchase.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile recorded the way the benchmark records the services' (jcmd against a running JVM, here
 * this test's own) shows the method that burnt the CPU and the one that waited.
 */
class ProfilesTests {

	@TempDir
	Path directory;

	@Test
	void aRecordingOfThisJvmNamesTheMethodThatBurntTheCpuAndTheOneThatWaited() {
		var profiles = Profiles.start(Map.of("this test", ProcessHandle.current()));
		assertThat(profiles.recording()).containsExactly("this test");
		var sum = burn(TimeUnit.SECONDS.toNanos(2));
		waitAWhile();
		var recordings = profiles.stop(this.directory);

		assertThat(recordings).containsOnlyKeys("this test");
		assertThat(recordings.get("this test")).exists().hasFileName("this-test.jfr");
		var summary = Profiles.summarize(recordings.get("this test"));
		assertThat(summary.samples()).as("samples (sum %d)", sum).isGreaterThan(20);
		// the burning loop is where most of this thread's samples are, on top or below a helper
		assertThat(summary.ourFrames()).containsKey("ProfilesTests.burn");
		assertThat(summary.ourFrames().get("ProfilesTests.burn")).isGreaterThan(summary.samples() / 4);
		assertThat(summary.waits()).containsKey("ProfilesTests.waitAWhile (parked)");
		assertThat(summary.waits().get("ProfilesTests.waitAWhile (parked)")).isGreaterThanOrEqualTo(
				java.time.Duration.ofMillis(250));

		var markdown = Profiles.markdown(recordings, 5);
		assertThat(markdown).contains("### this test", "CPU samples over", "`this-test.jfr`", "`ProfilesTests.burn`",
				"| ProfilesTests.waitAWhile (parked) |");
	}

	@Test
	void aProcessThatCannotBeRecordedIsLeftOut() {
		var gone = new ProcessBuilder("true").inheritIO();
		ProcessHandle ended;
		try {
			var process = gone.start();
			process.waitFor();
			ended = process.toHandle();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		var profiles = Profiles.start(Map.of("gone", ended));
		assertThat(profiles.recording()).isEmpty();
		assertThat(profiles.stop(this.directory)).isEmpty();
	}

	private static long burn(long nanos) {
		long end = System.nanoTime() + nanos;
		long sum = 0;
		while (System.nanoTime() < end) {
			for (int i = 0; i < 10_000; i++) {
				sum += Long.numberOfTrailingZeros(sum + i) ^ (sum >>> 3);
			}
		}
		return sum;
	}

	private static void waitAWhile() {
		for (int i = 0; i < 3; i++) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(120));
		}
	}

}
