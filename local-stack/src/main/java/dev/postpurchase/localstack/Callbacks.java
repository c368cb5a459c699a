package dev.postpurchase.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulators' outgoing side: what a provider does after it answered, such as delivery statuses
 * posted back to the platform. One background thread, so the callbacks of one message arrive in
 * order; a receiver that fails or is down is logged (ids only) and otherwise ignored, as a
 * provider would after its retries.
 */
final class Callbacks implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Callbacks.class);

	/** How long after its answer a provider reports on a message. */
	static final Duration DELAY = Duration.ofMillis(200);

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
		var thread = new Thread(runnable, "simulator-callbacks");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** Runs {@code task} on the background thread, {@link #DELAY} from now. */
	void later(Runnable task) {
		try {
			this.scheduler.schedule(() -> safely(task), DELAY.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// closing: nothing more is reported
		}
	}

	/** Runs {@code task} on the background thread every {@code period}. */
	void every(Duration period, Runnable task) {
		this.scheduler.scheduleWithFixedDelay(() -> safely(task), period.toMillis(), period.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Posts {@code body} to {@code url}; failures are logged and otherwise ignored.
	 *
	 * @param what names the callback in the log, with ids only (never a phone number or a text)
	 * @return whether the receiver answered 2xx
	 */
	boolean post(URI url, Map<String, String> headers, byte[] body, String what) {
		var request = HttpRequest.newBuilder(url).timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		try {
			var response = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding());
			if (response.statusCode() / 100 != 2) {
				log.warn("{}: {} answered {}", what, withoutQuery(url), response.statusCode());
				return false;
			}
			log.debug("{}: delivered to {}", what, withoutQuery(url));
			return true;
		}
		catch (IOException ex) {
			log.warn("{}: {} failed ({})", what, withoutQuery(url), ex.getClass().getSimpleName());
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void safely(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			log.warn("Simulator callback failed ({})", ex.getClass().getSimpleName());
		}
	}

	private static String withoutQuery(URI url) {
		return url.getScheme() + "://" + url.getAuthority() + url.getRawPath();
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}
}
