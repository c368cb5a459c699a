package dev.postpurchase.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.postpurchase.testkit.DevIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outside world's providers, simulated on one port of this machine (8089 unless
 * {@code SIMULATORS_PORT}): the SMTP server that captures mail ({@link MailCapture}), Twilio's
 * Messages API ({@link TwilioSimulator}, under {@code /twilio}) and the WhatsApp Cloud API
 * ({@link WhatsAppSimulator}, under {@code /graph}) and Stripe's Refunds API ({@link StripeSimulator}, under
 * {@code /stripe}), speaking the real wire formats so that notification-service and returns-service use
 * them unchanged. Everything received can be seen:
 *
 * <ul>
 * <li>{@code GET /}: a page listing mail, texts, WhatsApp messages and refunds, refreshing itself;</li>
 * <li>{@code GET /mail}, {@code GET /sms}, {@code GET /whatsapp}, {@code GET /payments}: JSON arrays, newest
 * last (the most recent {@value #KEEP} of each);</li>
 * <li>{@code POST /sms/faults}, {@code POST /whatsapp/faults}, {@code POST /payments/faults} with
 * {@code {"status": 500, "seconds": 60}}
 * and/or {@code {"delayMillis": 10000, "seconds": 60}}: that provider answers with that status, or
 * late, for that long ({@code GET} shows it, {@code DELETE} ends it).</li>
 * </ul>
 *
 * Development only: it shows personal data it receives. It listens on the loopback address, or on
 * every interface in a container of docker compose ({@code --simulators}, see {@link Standalone}), where
 * mail goes to another SMTP server (Mailpit) and the simulators also serve the development issuer's
 * public keys ({@code GET /.well-known/jwks.json}) to the services.
 */
final class Simulators implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Simulators.class);

	/** How many messages of each kind are kept. */
	static final int KEEP = 1000;

	/** The sender notification-service is configured with (Twilio's test number that always succeeds). */
	static final String SMS_FROM = "+15005550006";

	static final String WHATSAPP_API_VERSION = "v21.0";

	private static final Duration MAIL_COLLECTION = Duration.ofSeconds(5);

	private static final JsonMapper JSON = JsonMapper.shared();

	/**
	 * What the simulators listen on and accept.
	 *
	 * @param port the HTTP port of the APIs and listings
	 * @param smtpPort the SMTP port mail is captured on; 0 for none (mail goes to another SMTP server)
	 * @param twilio the Twilio account accepted
	 * @param whatsApp the WhatsApp business number accepted, and its webhook
	 * @param stripeSecretKey the Stripe API key accepted
	 * @param everyInterface whether to listen on every network interface (in a container) instead of the
	 *     loopback address only
	 * @param issuerKeySet the development issuer's public JWK set, served at {@value DevIssuer#JWKS_PATH}
	 *     for services that cannot reach the issuer itself; null for none
	 */
	record Settings(int port, int smtpPort, TwilioSimulator.Account twilio, WhatsAppSimulator.Business whatsApp,
			String stripeSecretKey, boolean everyInterface, String issuerKeySet) {

		/** On the loopback address only, without the issuer's key set: the local stack's simulators. */
		Settings(int port, int smtpPort, TwilioSimulator.Account twilio, WhatsAppSimulator.Business whatsApp,
				String stripeSecretKey) {
			this(port, smtpPort, twilio, whatsApp, stripeSecretKey, false, null);
		}

		/**
		 * Accepting the provider credentials of the development secrets ({@link DevSecrets}), WhatsApp's
		 * status webhooks posted to notification-service at {@code notificationService}.
		 */
		static Settings of(int port, int smtpPort, Map<String, String> secrets, URI notificationService) {
			return new Settings(port, smtpPort,
					new TwilioSimulator.Account(secrets.get("twilioAccountSid"), secrets.get("twilioAuthToken")),
					new WhatsAppSimulator.Business(secrets.get("whatsappPhoneNumberId"), secrets.get("whatsappAccessToken"),
							secrets.get("whatsappAppSecret"), notificationService.resolve("/webhooks/whatsapp")),
					secrets.get("stripeSecretKey"));
		}

		/** The same on every network interface, serving the issuer's public key set too. */
		Settings onEveryInterface(String keySet) {
			return new Settings(this.port, this.smtpPort, this.twilio, this.whatsApp, this.stripeSecretKey, true, keySet);
		}

		@Override
		public String toString() {
			return "Settings[port=" + this.port + ", smtpPort=" + this.smtpPort + ", twilio=" + this.twilio
					+ ", everyInterface=" + this.everyInterface + "]";
		}
	}

	private final HttpServer http;

	private final ExecutorService executor;

	private final Callbacks callbacks = new Callbacks();

	/** Null when mail goes to another SMTP server. */
	private final MailCapture mail;

	private final TwilioSimulator sms;

	private final WhatsAppSimulator whatsApp;

	private final StripeSimulator payments;

	private final Clock clock;

	private final byte[] issuerKeySet;

	Simulators(Settings settings, Clock clock) {
		this(settings, clock, KEEP);
	}

	/** @param keep how many messages of each kind are kept */
	Simulators(Settings settings, Clock clock, int keep) {
		this.clock = clock;
		this.mail = settings.smtpPort() == 0 ? null : new MailCapture(settings.smtpPort(), keep);
		this.issuerKeySet = settings.issuerKeySet() == null ? null
				: settings.issuerKeySet().getBytes(StandardCharsets.UTF_8);
		this.sms = new TwilioSimulator(settings.twilio(), clock, this.callbacks, keep);
		this.whatsApp = new WhatsAppSimulator(settings.whatsApp(), clock, this.callbacks, keep);
		this.payments = new StripeSimulator(settings.stripeSecretKey(), clock, this.callbacks, keep);
		try {
			this.http = HttpServer.create(settings.everyInterface() ? new InetSocketAddress(settings.port())
					: new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on " + settings.port(), ex);
		}
		var threads = new AtomicInteger();
		// a pool, not the server's single thread: a simulated delay must not hold up the listings
		this.executor = Executors.newFixedThreadPool(16, runnable -> {
			var thread = new Thread(runnable, "simulators-http-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.http.setExecutor(this.executor);
		this.http.createContext("/", this::handle);
	}

	/**
	 * The settings notification-service needs to use the simulators (the secrets and ids that go with
	 * them come from {@link DevSecrets}).
	 */
	static Map<String, String> notificationServiceProperties(int simulatorsPort, int notificationServicePort) {
		var simulators = "http://localhost:" + simulatorsPort;
		var notificationService = "http://localhost:" + notificationServicePort;
		var properties = new LinkedHashMap<String, String>();
		properties.put("notifications.sms.base-url", simulators + "/twilio");
		properties.put("notifications.sms.from", SMS_FROM);
		properties.put("notifications.sms.status-callback-url", notificationService + "/webhooks/twilio/status");
		properties.put("notifications.whatsapp.base-url", simulators + "/graph");
		properties.put("notifications.whatsapp.api-version", WHATSAPP_API_VERSION);
		properties.put("postpurchase.links.service-url", notificationService);
		// a newcomer sees a shipment's texts within half a minute, not after production's 2-minute collapse window
		properties.put("notifications.collapse-window", "20s");
		properties.put("notifications.retry.interval", "5s");
		return properties;
	}

	/**
	 * The settings returns-service needs to use the simulators (its Stripe key comes from
	 * {@link DevSecrets}).
	 */
	static Map<String, String> returnsServiceProperties(int simulatorsPort, int returnsServicePort) {
		var properties = new LinkedHashMap<String, String>();
		properties.put("returns.payments.base-url", "http://localhost:" + simulatorsPort + "/stripe");
		properties.put("returns.links.service-url", "http://localhost:" + returnsServicePort);
		return properties;
	}

	void start() {
		if (this.mail != null) {
			this.mail.start();
			this.callbacks.every(MAIL_COLLECTION, this.mail::drain);
		}
		this.http.start();
	}

	/** The SMTP server that captures mail; null when mail goes to another SMTP server. */
	MailCapture mail() {
		return this.mail;
	}

	TwilioSimulator sms() {
		return this.sms;
	}

	WhatsAppSimulator whatsApp() {
		return this.whatsApp;
	}

	StripeSimulator payments() {
		return this.payments;
	}

	/** Where the page and the APIs are, e.g. {@code http://localhost:8089}. */
	URI baseUrl() {
		return URI.create("http://localhost:" + this.http.getAddress().getPort());
	}

	private void handle(HttpExchange exchange) {
		var method = exchange.getRequestMethod();
		var path = exchange.getRequestURI().getPath();
		try {
			if (path.startsWith("/twilio/")) {
				this.sms.handle(exchange);
			}
			else if (path.startsWith("/graph/")) {
				this.whatsApp.handle(exchange);
			}
			else if (path.startsWith("/stripe/")) {
				this.payments.handle(exchange);
			}
			else if (path.equals("/sms/faults")) {
				faults(exchange, this.sms.faults());
			}
			else if (path.equals("/whatsapp/faults")) {
				faults(exchange, this.whatsApp.faults());
			}
			else if (path.equals("/payments/faults")) {
				faults(exchange, this.payments.faults());
			}
			else if (!method.equals("GET")) {
				exchange.getResponseHeaders().set("Allow", "GET");
				SimulatorHttp.problem(exchange, 405, method + " is not supported here");
			}
			else if (path.equals("/")) {
				var page = SimulatorPage.render(this.mail == null ? null : this.mail.messages(), this.sms.messages(), this.whatsApp.messages(),
						this.payments.messages(), this.sms.faults().active(), this.whatsApp.faults().active(),
						this.payments.faults().active(), this.clock.instant());
				exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
				SimulatorHttp.send(exchange, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
			}
			else if (path.equals("/mail")) {
				SimulatorHttp.json(exchange, 200, this.mail == null ? List.of() : this.mail.messages());
			}
			else if (path.equals(DevIssuer.JWKS_PATH) && this.issuerKeySet != null) {
				SimulatorHttp.send(exchange, 200, "application/json", this.issuerKeySet);
			}
			else if (path.equals("/sms")) {
				SimulatorHttp.json(exchange, 200, this.sms.messages());
			}
			else if (path.equals("/whatsapp")) {
				SimulatorHttp.json(exchange, 200, this.whatsApp.messages());
			}
			else if (path.equals("/payments")) {
				SimulatorHttp.json(exchange, 200, this.payments.messages());
			}
			else {
				SimulatorHttp.problem(exchange, 404, "Nothing at " + path + "; see / for what the simulators offer");
			}
		}
		catch (SimulatorHttp.TooLarge ex) {
			answerQuietly(exchange, 413, "The request body is over " + SimulatorHttp.MAX_BODY_BYTES + " bytes");
		}
		catch (IOException | RuntimeException ex) {
			log.warn("Simulators: {} {} failed ({})", method, path, ex.getClass().getSimpleName());
			answerQuietly(exchange, 500, "The simulator failed: " + ex.getClass().getSimpleName());
		}
		finally {
			exchange.close();
		}
	}

	/** {@code GET}, {@code POST} and {@code DELETE} of a provider's fault. */
	private static void faults(HttpExchange exchange, Faults faults) throws IOException {
		switch (exchange.getRequestMethod()) {
			case "GET" -> {
				var fault = faults.active();
				SimulatorHttp.json(exchange, 200, fault == null ? Map.of() : fault.toJson());
			}
			case "POST" -> {
				try {
					var fault = faults.set(JSON.readTree(SimulatorHttp.body(exchange)));
					log.info("Simulators: {} fault set ({})", exchange.getRequestURI().getPath(), fault);
					SimulatorHttp.json(exchange, 200, fault.toJson());
				}
				catch (JacksonException | IllegalArgumentException ex) {
					SimulatorHttp.problem(exchange, 400, ex instanceof JacksonException ? "The body is not JSON"
							: ex.getMessage());
				}
			}
			case "DELETE" -> {
				faults.clear();
				log.info("Simulators: {} cleared", exchange.getRequestURI().getPath());
				SimulatorHttp.send(exchange, 204, null, new byte[0]);
			}
			default -> {
				exchange.getResponseHeaders().set("Allow", "GET, POST, DELETE");
				SimulatorHttp.problem(exchange, 405, exchange.getRequestMethod() + " is not supported here");
			}
		}
	}

	private static void answerQuietly(HttpExchange exchange, int status, String detail) {
		try {
			SimulatorHttp.problem(exchange, status, detail);
		}
		catch (IOException | RuntimeException ignored) {
			// the answer was under way already, or the client left
		}
	}

	@Override
	public void close() {
		this.http.stop(0);
		this.executor.shutdownNow();
		this.callbacks.close();
		if (this.mail != null) {
			this.mail.close();
		}
	}
}
