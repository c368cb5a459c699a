package dev.postpurchase.bench.measure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.postpurchase.bench.load.Clocks;

/**
 * Samples every service's {@code /actuator/prometheus} at a fixed interval during the whole run:
 * CPU ({@code process_cpu_usage} times {@code system_cpu_cores}, and the process's CPU time from the
 * operating system when the benchmark started it), heap ({@code jvm_memory_used_bytes{area="heap"}}),
 * consumer lag ({@code kafka_consumer_fetch_manager_records_lag_max}) and records consumed
 * ({@code kafka_consumer_fetch_manager_records_consumed_total}), MongoDB commands and Kafka records
 * produced (for the cost per scan). The latest scrape of each service is
 * kept for the counters a step waits on.
 */
public final class Sampler implements AutoCloseable {

	/**
	 * One sample of one process.
	 *
	 * @param micros when, epoch microseconds
	 * @param cpuCores CPU in use as the service reports it (cores; NaN when not reported)
	 * @param cpuSeconds the process's CPU time so far from the operating system (NaN when unknown)
	 * @param heapBytes heap in use (NaN for processes without metrics)
	 * @param lagMax the largest consumer lag of its consumers (NaN when it has none)
	 * @param consumed records its consumers read so far
	 * @param mongoCommands commands its MongoDB driver sent so far ({@code mongodb_driver_commands_seconds_count})
	 * @param produced records its Kafka producers sent so far ({@code kafka_producer_record_send_total})
	 * @param mongoByCommand {@code mongoCommands} by command and collection, keyed {@code "update notifications"}
	 */
	public record Sample(long micros, String process, double cpuCores, double cpuSeconds, double heapBytes,
			double lagMax, double consumed, double mongoCommands, double produced, Map<String, Double> mongoByCommand) {

		public Sample(long micros, String process, double cpuCores, double cpuSeconds, double heapBytes, double lagMax,
				double consumed, double mongoCommands, double produced) {
			this(micros, process, cpuCores, cpuSeconds, heapBytes, lagMax, consumed, mongoCommands, produced, Map.of());
		}

	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, URI> services;

	private final Map<String, ProcessHandle> processes;

	private final Map<String, Prometheus> latest = new ConcurrentHashMap<>();

	private final List<Sample> samples = new ArrayList<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
		var thread = new Thread(runnable, "bench-sampler");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * @param services service name to base URL
	 * @param processes process name to handle, for CPU time from the operating system (services the
	 *     benchmark started, the stack's own JVM, the benchmark's)
	 */
	public Sampler(Map<String, URI> services, Map<String, ProcessHandle> processes, Duration interval) {
		this.services = new LinkedHashMap<>(services);
		this.processes = new LinkedHashMap<>(processes);
		sample();
		this.scheduler.scheduleAtFixedRate(this::sample, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Takes a sample of every process now (also what the scheduler does); returns it. */
	public synchronized List<Sample> sample() {
		var taken = new ArrayList<Sample>();
		var names = new ArrayList<>(this.services.keySet());
		this.processes.keySet().stream().filter(name -> !names.contains(name)).forEach(names::add);
		for (var name : names) {
			var url = this.services.get(name);
			var scrape = url == null ? null : scrape(url);
			if (scrape != null) {
				this.latest.put(name, scrape);
			}
			double cpuSeconds = cpuSeconds(this.processes.get(name));
			if (scrape == null && Double.isNaN(cpuSeconds)) {
				continue;
			}
			long now = Clocks.micros();
			if (scrape == null) {
				taken.add(new Sample(now, name, Double.NaN, cpuSeconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
						Double.NaN));
				continue;
			}
			double cores = scrape.sum("system_cpu_cores");
			double usage = scrape.max("process_cpu_usage", sample -> true);
			taken.add(new Sample(now, name, cores > 0 ? usage * cores : Double.NaN, cpuSeconds,
					scrape.sum("jvm_memory_used_bytes", Prometheus.labelled("area", "heap")),
					scrape.max("kafka_consumer_fetch_manager_records_lag_max", Prometheus.realTopic()),
					scrape.sum("kafka_consumer_fetch_manager_records_consumed_total", Prometheus.realTopic()),
					counted(scrape, "mongodb_driver_commands_seconds_count"),
					counted(scrape, "kafka_producer_record_send_total"),
					scrape.sumBy("mongodb_driver_commands_seconds_count",
							sample -> sample.label("command") + " " + sample.label("collection"))));
		}
		synchronized (this.samples) {
			this.samples.addAll(taken);
		}
		return taken;
	}

	/** A counter's total; NaN when the service has no such counter (no MongoDB, say), not 0. */
	private static double counted(Prometheus scrape, String name) {
		return scrape.has(name) ? scrape.sum(name, Prometheus.realTopic()) : Double.NaN;
	}

	/** Scrapes these services now for their latest counters, without taking a sample. */
	public void refresh(String... services) {
		for (var name : services) {
			var url = this.services.get(name);
			var scrape = url == null ? null : scrape(url);
			if (scrape != null) {
				this.latest.put(name, scrape);
			}
		}
	}

	private Prometheus scrape(URI service) {
		try {
			var response = this.http.send(HttpRequest.newBuilder(service.resolve("/actuator/prometheus"))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 ? Prometheus.parse(response.body()) : null;
		}
		catch (java.io.IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static double cpuSeconds(ProcessHandle process) {
		if (process == null) {
			return Double.NaN;
		}
		return process.info().totalCpuDuration().map(duration -> duration.toNanos() / 1e9).orElse(Double.NaN);
	}

	/** The latest scrape of a service; an empty one before the first answer. */
	public Prometheus latest(String service) {
		return this.latest.getOrDefault(service, Prometheus.parse(""));
	}

	/** Every sample taken between two times (epoch microseconds), oldest first. */
	public List<Sample> between(long fromMicros, long toMicros) {
		synchronized (this.samples) {
			return this.samples.stream().filter(s -> s.micros() >= fromMicros && s.micros() <= toMicros).toList();
		}
	}

	public List<Sample> all() {
		synchronized (this.samples) {
			return List.copyOf(this.samples);
		}
	}

	public List<String> processNames() {
		var names = new ArrayList<>(this.services.keySet());
		this.processes.keySet().stream().filter(name -> !names.contains(name)).forEach(names::add);
		return names;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}
}
