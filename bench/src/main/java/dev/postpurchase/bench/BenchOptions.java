package dev.postpurchase.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.postpurchase.bench.load.Scans;

/**
 * The command line of {@code java -jar bench/target/bench.jar}: a profile's defaults, each of which an
 * option overrides. See {@link #USAGE}.
 *
 * @param rates the fixed offered loads, scans per second, one step each
 * @param max whether to add a step offering scans as fast as they are taken
 * @param maxScans how many scans the max step sends
 * @param warmUp how long the warm-up offers its scans before the measured phases (zero: no warm-up)
 * @param scale active shipments of the cost-growth levels (empty: none)
 * @param target a deployed platform ({@code local} or name=url pairs); null to start the embedded one
 * @param stackDefaults run the embedded stack with its own settings only (no benchmark settings)
 * @param keepGoing run the higher fixed rates even after one did not finish within the drain timeout
 * @param profiles record a Java Flight Recorder profile of every service of the embedded platform
 * @param set platform properties to give the embedded stack besides (or instead of) the benchmark's own
 */
record BenchOptions(String profile, List<Double> rates, boolean max, long maxScans, Duration warmUp, Duration duration,
		int scansPerShipment,
		Duration scanGap, Scans.Via scansVia, int restBatch, List<Long> scale, double scaleRate, Duration scaleDuration,
		double orderRate, Duration orderDuration, int concurrency, long rawRecords, String target, Path tokens,
		Path stackJar, List<String> stackJvmOptions, boolean stackDefaults, Path out, Duration drainTimeout,
		Duration sampleInterval, Duration checkInterval, boolean keepGoing, boolean profiles, Map<String, String> set) {

	static final String USAGE = """
			Usage: java -jar bench/target/bench.jar [options]
			  --profile smoke|standard   defaults for everything below (standard)
			  --rate 500,2000/s          fixed offered loads, scans per second, one step each
			  --max | --no-max           add (or not) a step offering scans as fast as they are taken
			  --max-scans 300k           scans of the max step
			  --warm-up 90s              load at the lowest --rate (50/s without one) before the measured
			                             phases, so they find the platform warm; not reported (0s: none)
			  --duration 30s             how long each fixed-rate step offers its load
			  --scans-per-shipment 6     info received, in transit (n-3 times), out for delivery, delivered
			  --scan-gap 1s              between two scans of one parcel
			  --scans-via kafka|rest     tracking.inbound (batched producer) or POST /api/v1/tracking-events
			  --rest-batch 200           updates per REST call with --scans-via rest
			  --scale 10k,100k,1M|none   active shipments of the cost-growth levels
			  --scale-rate 1000/s        offered load of each cost-growth level
			  --scale-duration 20s
			  --order-rate 50/s          orders per second of the order phase (order to confirmation email)
			  --order-duration 20s
			  --concurrency 32           REST calls in flight while preparing orders and fulfillments
			  --raw-records 1M           records of the raw Kafka probe
			  --target local|name=url,.. a deployed platform instead of the embedded one
			                             (names: order-service, tracking-service, notification-service,
			                             returns-service, cx-metrics-service, customer-pages, simulators,
			                             kafka, mongo; unnamed ones are the local stack's default ports,
			                             except mongo: without it nothing is seeded)
			  --tokens FILE              bearer tokens per role with --target (.local-stack/tokens.json)
			  --stack-jar FILE           local-stack's jar (local-stack/target/local-stack.jar)
			  --stack-jvm-options "..."  options of the embedded stack's JVM (Kafka, MongoDB, simulators)
			  --stack-defaults           run the embedded stack without the benchmark's settings
			  --out DIR                  where results go (bench/results)
			  --drain-timeout 300s       how long a step may take to finish processing after its last scan
			  --sample-interval 5s       how often every service's metrics are sampled (a scrape costs them CPU)
			  --check-interval 5s        the exception checker's interval on the embedded stack
			  --keep-going               run higher rates even after one did not finish in time
			  --no-profiles              no Java Flight Recorder profiles of the embedded platform's services
			  --set name=value           a property for every service of the embedded platform, on top of the
			                             benchmark's own (repeatable), e.g. --set notifications.collapse-window=2m
			""";

	static BenchOptions parse(String[] args, Path root) {
		var list = new ArrayList<>(Arrays.asList(args));
		var profile = value(list, "--profile", "standard");
		var options = switch (profile) {
			case "smoke" -> new BenchOptions(profile, List.of(200.0), false, 2_000, Duration.ofSeconds(30),
					Duration.ofSeconds(30), 6, Duration.ofSeconds(1), Scans.Via.KAFKA, 200, List.of(1_000L, 10_000L), 200,
					Duration.ofSeconds(15), 10, Duration.ofSeconds(10), 16, 50_000, null,
					root.resolve(".local-stack/tokens.json"),
					root.resolve("local-stack/target/local-stack.jar"), List.of(), false, root.resolve("bench/results"),
					Duration.ofSeconds(180), Duration.ofSeconds(5), Duration.ofSeconds(5), false, true, Map.of());
			case "standard" -> new BenchOptions(profile, List.of(500.0, 1000.0, 2000.0, 5000.0, 10000.0, 20000.0), true,
					300_000, Duration.ofSeconds(90), Duration.ofSeconds(30), 6, Duration.ofSeconds(1), Scans.Via.KAFKA, 200,
					List.of(10_000L, 100_000L, 1_000_000L), 1000, Duration.ofSeconds(30), 50, Duration.ofSeconds(30), 32,
					1_000_000, null, root.resolve(".local-stack/tokens.json"),
					root.resolve("local-stack/target/local-stack.jar"), List.of(), false, root.resolve("bench/results"),
					Duration.ofSeconds(600), Duration.ofSeconds(5), Duration.ofSeconds(5), false, true, Map.of());
			default -> throw new IllegalArgumentException("--profile: smoke or standard, not " + profile);
		};
		var max = list.remove("--max") ? Boolean.TRUE : list.remove("--no-max") ? Boolean.FALSE : null;
		var stackDefaults = list.remove("--stack-defaults");
		var keepGoing = list.remove("--keep-going");
		var profiles = !list.remove("--no-profiles");
		var set = new LinkedHashMap<String, String>();
		for (var property = value(list, "--set", null); property != null; property = value(list, "--set", null)) {
			int equals = property.indexOf('=');
			if (equals <= 0) {
				throw new IllegalArgumentException("--set: name=value, not " + property);
			}
			set.put(property.substring(0, equals).strip(), property.substring(equals + 1).strip());
		}
		var result = new BenchOptions(profile, rates(value(list, "--rate", null), options.rates()),
				max != null ? max : options.max(), count(value(list, "--max-scans", null), options.maxScans()),
				duration(value(list, "--warm-up", null), options.warmUp()),
				duration(value(list, "--duration", null), options.duration()),
				(int) count(value(list, "--scans-per-shipment", null), options.scansPerShipment()),
				duration(value(list, "--scan-gap", null), options.scanGap()),
				via(value(list, "--scans-via", null), options.scansVia()),
				(int) count(value(list, "--rest-batch", null), options.restBatch()), scale(value(list, "--scale", null),
						options.scale()),
				rate(value(list, "--scale-rate", null), options.scaleRate()),
				duration(value(list, "--scale-duration", null), options.scaleDuration()),
				rate(value(list, "--order-rate", null), options.orderRate()),
				duration(value(list, "--order-duration", null), options.orderDuration()),
				(int) count(value(list, "--concurrency", null), options.concurrency()),
				count(value(list, "--raw-records", null), options.rawRecords()), value(list, "--target", null),
				path(value(list, "--tokens", null), options.tokens()), path(value(list, "--stack-jar", null),
						options.stackJar()),
				jvmOptions(value(list, "--stack-jvm-options", null)), stackDefaults,
				path(value(list, "--out", null), options.out()),
				duration(value(list, "--drain-timeout", null), options.drainTimeout()),
				duration(value(list, "--sample-interval", null), options.sampleInterval()),
				duration(value(list, "--check-interval", null), options.checkInterval()), keepGoing, profiles, set);
		if (!list.isEmpty()) {
			throw new IllegalArgumentException("Unknown argument(s) " + list);
		}
		if (result.scansPerShipment() < 4) {
			throw new IllegalArgumentException("--scans-per-shipment: at least 4");
		}
		if (result.warmUp().isNegative()) {
			throw new IllegalArgumentException("--warm-up: 0s (none) or more");
		}
		return result;
	}

	private static String value(List<String> args, String name, String fallback) {
		for (int i = 0; i < args.size(); i++) {
			var arg = args.get(i);
			if (arg.startsWith(name + "=")) {
				args.remove(i);
				return arg.substring(name.length() + 1);
			}
			if (arg.equals(name)) {
				if (i + 1 >= args.size()) {
					throw new IllegalArgumentException(name + " needs a value");
				}
				args.remove(i);
				return args.remove(i);
			}
		}
		return fallback;
	}

	static List<Double> rates(String text, List<Double> fallback) {
		if (text == null) {
			return fallback;
		}
		if (text.equals("none")) {
			return List.of();
		}
		return Arrays.stream(text.split(",")).map(rate -> rate(rate, 0)).toList();
	}

	static double rate(String text, double fallback) {
		if (text == null) {
			return fallback;
		}
		var number = text.strip().replaceAll("(?i)/s$", "");
		double rate = count(number, 0);
		if (rate <= 0) {
			throw new IllegalArgumentException("A rate is a positive number per second, e.g. 2000/s, not " + text);
		}
		return rate;
	}

	/** {@code 300}, {@code 10k}, {@code 1M}. */
	static long count(String text, long fallback) {
		if (text == null) {
			return fallback;
		}
		var value = text.strip();
		long factor = 1;
		if (value.endsWith("k") || value.endsWith("K")) {
			factor = 1_000;
			value = value.substring(0, value.length() - 1);
		}
		else if (value.endsWith("M") || value.endsWith("m")) {
			factor = 1_000_000;
			value = value.substring(0, value.length() - 1);
		}
		try {
			return Math.round(Double.parseDouble(value) * factor);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a number: " + text, ex);
		}
	}

	static List<Long> scale(String text, List<Long> fallback) {
		if (text == null) {
			return fallback;
		}
		if (text.equals("none")) {
			return List.of();
		}
		return Arrays.stream(text.split(",")).map(level -> count(level, 0)).sorted().toList();
	}

	/** {@code 30s}, {@code 2m}, {@code 500ms}. */
	static Duration duration(String text, Duration fallback) {
		if (text == null) {
			return fallback;
		}
		var value = text.strip().toLowerCase(Locale.ROOT);
		try {
			if (value.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
			}
			if (value.endsWith("s")) {
				return Duration.ofMillis(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000));
			}
			if (value.endsWith("m")) {
				return Duration.ofSeconds(Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 60));
			}
			return Duration.ofSeconds(Long.parseLong(value));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a duration (30s, 2m, 500ms): " + text, ex);
		}
	}

	private static Scans.Via via(String text, Scans.Via fallback) {
		return text == null ? fallback : Scans.Via.valueOf(text.toUpperCase(Locale.ROOT));
	}

	private static Path path(String text, Path fallback) {
		return text == null ? fallback : Path.of(text).toAbsolutePath();
	}

	private static List<String> jvmOptions(String text) {
		return text == null || text.isBlank() ? List.of() : List.of(text.strip().split("\\s+"));
	}
}
