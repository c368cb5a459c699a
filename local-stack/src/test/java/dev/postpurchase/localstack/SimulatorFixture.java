package dev.postpurchase.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * The provider simulators alone on free ports (no Kafka, MongoDB or services), a clock the test
 * moves, and a tiny HTTP server standing in for notification-service's callback endpoints.
 */
final class SimulatorFixture implements AutoCloseable {

	static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

	static final String AUTH_TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

	static final String PHONE_NUMBER_ID = "106540352242922";

	static final String ACCESS_TOKEN = "EAAdevAccessTokenForTheSimulatorTests";

	static final String APP_SECRET = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

	static final String STRIPE_KEY = "sk_test_simulatorTests0123456789abcdef";

	static final Instant START = Instant.parse("2026-11-25T10:15:30Z");

	final MutableClock clock = new MutableClock(START);

	final Receiver receiver = new Receiver();

	final Simulators simulators;

	final int smtpPort;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private SimulatorFixture() {
		var ports = freePorts(2);
		this.smtpPort = ports[1];
		this.simulators = new Simulators(new Simulators.Settings(ports[0], this.smtpPort,
				new TwilioSimulator.Account(ACCOUNT_SID, AUTH_TOKEN),
				new WhatsAppSimulator.Business(PHONE_NUMBER_ID, ACCESS_TOKEN, APP_SECRET, this.receiver.url("/webhooks/whatsapp")),
				STRIPE_KEY), this.clock);
		this.simulators.start();
	}

	static SimulatorFixture start() {
		return new SimulatorFixture();
	}

	URI url(String path) {
		return this.simulators.baseUrl().resolve(path);
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(url(path)).GET().build());
	}

	HttpResponse<String> delete(String path) {
		return send(HttpRequest.newBuilder(url(path)).DELETE().build());
	}

	HttpResponse<String> postJson(String path, String json) {
		return send(HttpRequest.newBuilder(url(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/** A Twilio create-message call, as notification-service makes it. */
	HttpResponse<String> postSms(String accountSid, String authToken, Map<String, String> form) {
		var body = SimulatorHttp.formBody(form.entrySet()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> List.of(entry.getValue()),
					(a, b) -> a, java.util.LinkedHashMap::new)));
		return send(HttpRequest.newBuilder(url("/twilio/2010-04-01/Accounts/" + accountSid + "/Messages.json"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", basic(accountSid, authToken))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build());
	}

	/** A WhatsApp Cloud API send, as notification-service makes it. */
	HttpResponse<String> postWhatsApp(String phoneNumberId, String accessToken, String json) {
		return send(HttpRequest.newBuilder(url("/graph/v21.0/" + phoneNumberId + "/messages"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + accessToken)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/** A Stripe create-refund call, as returns-service makes it (no Idempotency-Key when {@code key} is null). */
	HttpResponse<String> postRefund(String secretKey, String key, Map<String, String> form) {
		var body = SimulatorHttp.formBody(form.entrySet()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, entry -> List.of(entry.getValue()),
					(a, b) -> a, java.util.LinkedHashMap::new)));
		var request = HttpRequest.newBuilder(url("/stripe/v1/refunds"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", "Bearer " + secretKey)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (key != null) {
			request.header("Idempotency-Key", key);
		}
		return send(request.build());
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.simulators.close();
		this.receiver.close();
	}

	/** Distinct free ports, held together while they are chosen (the whole stack's test takes its ports here too). */
	static int[] freePorts(int count) {
		var sockets = new ArrayList<ServerSocket>();
		try {
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			for (var socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ignored) {
					// released with the process at the latest
				}
			}
		}
	}

	/** A clock the test sets. */
	static final class MutableClock extends Clock {

		private final AtomicReference<Instant> now;

		MutableClock(Instant start) {
			this.now = new AtomicReference<>(start);
		}

		void advance(Duration duration) {
			this.now.updateAndGet(instant -> instant.plus(duration));
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}
	}

	/** Records every request it gets and answers 200 (or what {@link #answer} says). */
	static final class Receiver implements AutoCloseable {

		record Request(String method, URI uri, Headers headers, byte[] body) {

			String bodyText() {
				return new String(this.body, StandardCharsets.UTF_8);
			}
		}

		final List<Request> requests = new CopyOnWriteArrayList<>();

		volatile int answer = 200;

		private final HttpServer server;

		Receiver() {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.createContext("/", exchange -> {
				try (exchange) {
					var body = exchange.getRequestBody().readAllBytes();
					this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
							exchange.getRequestHeaders(), body));
					exchange.sendResponseHeaders(this.answer, -1);
				}
			});
			this.server.start();
		}

		URI url(String pathAndQuery) {
			return URI.create("http://localhost:" + this.server.getAddress().getPort() + pathAndQuery);
		}

		List<Request> to(String path) {
			return this.requests.stream().filter(request -> request.uri().getPath().equals(path)).toList();
		}

		@Override
		public void close() {
			this.server.stop(0);
		}
	}
}
