package dev.postpurchase.bench.measure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import dev.postpurchase.bench.load.Clocks;
import dev.postpurchase.bench.load.Parcels;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Watches what the provider simulators received: {@code GET /sms} (Twilio stand-in: each text with the
 * time the simulator received it) and {@code GET /mail} (the SMTP capture: each email with the time
 * the SMTP server received it), and notes the first of each on the parcel whose phone number or
 * address it went to. The simulators keep only their latest 1,000 of each, so the lists are read
 * often ({@code /sms} every 250 ms, {@code /mail} every second); when one read finds nothing it saw
 * before, some may have been missed, which is counted and reported, never guessed.
 */
public final class Inboxes implements AutoCloseable {

	/** How many messages of each kind the simulators keep (local-stack's Simulators.KEEP). */
	static final int KEPT = 1000;

	private static final Pattern ADDRESS = Pattern.compile("<([^>]+)>");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final URI simulators;

	private final Parcels parcels;

	private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
		var thread = new Thread(runnable, "bench-inboxes");
		thread.setDaemon(true);
		return thread;
	});

	private final Inbox sms = new Inbox("sid");

	private final Inbox mail = new Inbox("messageId");

	public Inboxes(URI simulators, Parcels parcels) {
		this.simulators = simulators;
		this.parcels = parcels;
		this.scheduler.scheduleWithFixedDelay(() -> read("/sms", this.sms, this::text), 0, 250, TimeUnit.MILLISECONDS);
		this.scheduler.scheduleWithFixedDelay(() -> read("/mail", this.mail, this::email), 0, 1000, TimeUnit.MILLISECONDS);
	}

	/** What one listing showed, and what is new in it. */
	private static final class Inbox {

		private final String idField;

		private Set<String> previous = Set.of();

		private final AtomicLong received = new AtomicLong();

		private final AtomicLong overflows = new AtomicLong();

		private final AtomicLong failures = new AtomicLong();

		private volatile boolean available = true;

		Inbox(String idField) {
			this.idField = idField;
		}
	}

	private interface Matcher {

		void match(JsonNode message);
	}

	private void read(String path, Inbox inbox, Matcher matcher) {
		try {
			var response = this.http.send(HttpRequest.newBuilder(this.simulators.resolve(path)).timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				inbox.available = false;
				return;
			}
			var list = JsonMapper.shared().readTree(response.body());
			var seen = new HashSet<String>();
			int fresh = 0;
			for (var message : list) {
				var id = message.path(inbox.idField).asString(message.toString());
				seen.add(id);
				if (!inbox.previous.contains(id)) {
					fresh++;
					matcher.match(message);
				}
			}
			if (fresh > 0 && fresh == list.size() && list.size() >= KEPT && !inbox.previous.isEmpty()) {
				inbox.overflows.incrementAndGet();
			}
			inbox.received.addAndGet(fresh);
			inbox.previous = seen;
		}
		catch (IOException | RuntimeException ex) {
			inbox.failures.incrementAndGet();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void text(JsonNode sms) {
		var parcel = this.parcels.byPhone(sms.path("to").asString(""));
		var time = sms.path("time").asString(null);
		if (parcel != null && time != null) {
			parcel.smsReceived(Clocks.micros(Instant.parse(time)));
		}
	}

	private void email(JsonNode mail) {
		var to = mail.path("to").asString("");
		var address = ADDRESS.matcher(to);
		var parcel = this.parcels.byEmail(address.find() ? address.group(1) : to.strip());
		var time = mail.path("receivedAt").asString(null);
		if (parcel != null && time != null) {
			parcel.emailReceived(Clocks.micros(Instant.parse(time)));
		}
	}

	/** Texts seen at the simulator, anyone's. */
	public long textsReceived() {
		return this.sms.received.get();
	}

	public long emailsReceived() {
		return this.mail.received.get();
	}

	/** Reads after which texts may have been missed (more arrived between two reads than the simulator keeps). */
	public long textOverflows() {
		return this.sms.overflows.get();
	}

	public long emailOverflows() {
		return this.mail.overflows.get();
	}

	/** Whether the target has an SMTP capture at all (docker compose sends mail to Mailpit instead). */
	public boolean mailAvailable() {
		return this.mail.available;
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}
}
