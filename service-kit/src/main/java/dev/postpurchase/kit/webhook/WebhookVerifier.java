package dev.postpurchase.kit.webhook;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.postpurchase.kit.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Verifies one sender's HMAC-SHA256 webhook signatures over the raw request body, before anything
 * is read from it. The signature is compared, in constant time, with the HMAC under <em>every</em>
 * active secret, so a secret can be rotated without refusing a single delivery: configure the new
 * one as current and keep the old one as previous until the sender signs with the new one, then
 * remove it. Secrets are read from the supplier on every delivery (blank ones are ignored), so the
 * verifier always follows its settings. A refusal counts {@code webhook.signature.failures{source}},
 * is logged with its reason (never a value), and is a 401 problem.
 *
 * <p>Replay protection is the caller's, with what the sender gives:
 * <ul>
 * <li><b>Shopify</b> signs only the body ({@code X-Shopify-Hmac-Sha256}, base64). Its
 * {@code X-Shopify-Webhook-Id} (the same on every retry of a delivery) and
 * {@code X-Shopify-Triggered-At} are headers, <em>not</em> signed: remember handled webhook ids in
 * {@link SeenDeliveries} to absorb honest redeliveries, but a replayed body under a new id still
 * verifies, so handling must stay idempotent, and a timestamp check on the unsigned header would
 * protect nothing.</li>
 * <li><b>AfterShip</b> Tracking signs the body ({@code aftership-hmac-sha256}, base64) and puts
 * {@code event_id} (a UUID) and {@code ts} (when the event occurred, Unix seconds) <em>inside</em>
 * it, so both are covered: remember {@code event_id} and check {@code ts} with
 * {@link #verify(byte[], String, Instant)}. AfterShip retries a failed delivery up to 14 times with
 * the original payload, {@code 2^n × 30 s} apart (about 5.7 days in all), so its tolerance and the
 * store's retention must cover that window, not the 5-minute default. (AfterShip Returns and
 * Warranty sign with {@code as-signature-hmac-sha256}, older Shipping accounts with
 * {@code am-webhook-signature: hmac-sha256=...}.)</li>
 * <li><b>Twilio</b>'s {@code X-Twilio-Signature} is base64 HMAC-<em>SHA1</em> (with the auth token)
 * over the full request URL followed by the POST parameters sorted by name, without a timestamp or
 * id: not this verifier's scheme; {@link TwilioSignatures} checks it, over the URL and form parameters.</li>
 * <li>Senders that sign their send time (Stripe-style {@code t=...}) fit
 * {@link #verify(byte[], String, Instant)} with the default tolerance: 5 minutes into the past, 1
 * minute of clock skew into the future.</li>
 * </ul>
 */
public final class WebhookVerifier {

	private static final Logger log = LoggerFactory.getLogger(WebhookVerifier.class);

	/** How old a signed timestamp may be. */
	public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

	/** How far ahead of our clock a signed timestamp may be (the sender's clock runs ahead). */
	public static final Duration DEFAULT_FUTURE_SKEW = Duration.ofMinutes(1);

	/** The metric counting refused deliveries, tagged with {@code source}. */
	public static final String FAILURES_METRIC = "webhook.signature.failures";

	private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

	/** How a sender encodes the HMAC in its header. */
	public enum Encoding {

		BASE64, HEX

	}

	private final String source;

	private final String header;

	private final Encoding encoding;

	private final Supplier<? extends Collection<String>> secrets;

	private final Counter failures;

	private final Clock clock;

	private final Duration tolerance;

	private final Duration futureSkew;

	/**
	 * @param source the sender, a constant such as {@code shopify}: the metric tag and log prefix
	 * @param header the signature header's name, for the problem's detail
	 * @param secrets the active secrets, current and (during a rotation) previous; read per delivery
	 */
	public WebhookVerifier(String source, String header, Encoding encoding, Supplier<? extends Collection<String>> secrets,
			MeterRegistry meters, Clock clock) {
		this(source, header, encoding, secrets, failuresCounter(meters, checkSource(source)), clock,
				DEFAULT_TOLERANCE, DEFAULT_FUTURE_SKEW);
	}

	/**
	 * The counter of refused deliveries from {@code source} ({@value #FAILURES_METRIC}), for a webhook
	 * that checks its signatures without a verifier (Twilio's status callbacks) to count alike.
	 */
	public static Counter failuresCounter(MeterRegistry meters, String source) {
		return Counter.builder(FAILURES_METRIC)
			.description("Webhook deliveries refused (401): bad or missing signature, or a signed time outside the window, by sender")
			.tag("source", source)
			.register(meters);
	}

	private WebhookVerifier(String source, String header, Encoding encoding, Supplier<? extends Collection<String>> secrets,
			Counter failures, Clock clock, Duration tolerance, Duration futureSkew) {
		this.source = source;
		this.header = Objects.requireNonNull(header, "header");
		this.encoding = Objects.requireNonNull(encoding, "encoding");
		this.secrets = Objects.requireNonNull(secrets, "secrets");
		this.failures = failures;
		this.clock = Objects.requireNonNull(clock, "clock");
		if (tolerance.isNegative() || futureSkew.isNegative()) {
			throw new IllegalArgumentException("tolerance and future skew must not be negative");
		}
		this.tolerance = tolerance;
		this.futureSkew = futureSkew;
	}

	/** The same verifier with another window for signed timestamps. */
	public WebhookVerifier withTolerance(Duration tolerance, Duration futureSkew) {
		return new WebhookVerifier(source, header, encoding, secrets, failures, clock, tolerance, futureSkew);
	}

	/** Whether at least one secret is configured; without one every delivery is refused. */
	public boolean hasSecret() {
		return !activeSecrets().isEmpty();
	}

	/**
	 * Whether {@code signature} is the HMAC of {@code body} under one of the active secrets. Every
	 * secret is tried, whichever matches, so the time taken tells nothing about which one did.
	 */
	public boolean matches(byte[] body, String signature) {
		var presented = decode(signature);
		if (presented == null) {
			return false;
		}
		var message = body == null ? new byte[0] : body;
		var matched = false;
		for (var secret : activeSecrets()) {
			matched |= MessageDigest.isEqual(HmacSignatures.sign(secret, message), presented);
		}
		return matched;
	}

	/** Whether a signed timestamp is within the tolerance (null is not). */
	public boolean isFresh(Instant signedAt) {
		if (signedAt == null) {
			return false;
		}
		var now = clock.instant();
		return !signedAt.isBefore(now.minus(tolerance)) && !signedAt.isAfter(now.plus(futureSkew));
	}

	/**
	 * Checks a delivery's signature over its raw body.
	 *
	 * @throws ErrorResponseException a 401 problem, counted, when no active secret signed this body
	 */
	public void verify(byte[] body, String signature) {
		if (matches(body, signature)) {
			return;
		}
		var reason = !hasSecret() ? "no webhook secret configured"
				: signature == null || signature.isBlank() ? "no signature" : "signature does not match the body";
		throw refused(reason, header + ": missing, or not the signature of this body");
	}

	/**
	 * Checks the signature, then a timestamp the sender signed: it must be covered by the signature
	 * (inside the body, or part of what is signed), else an attacker replays with a fresh one.
	 *
	 * @throws ErrorResponseException a 401 problem, counted, when the signature does not verify or the
	 * signed time is missing, older than the tolerance or too far in the future
	 */
	public void verify(byte[] body, String signature, Instant signedAt) {
		verify(body, signature);
		if (!isFresh(signedAt)) {
			throw refused(signedAt == null ? "no signed timestamp" : "signed timestamp outside the accepted window",
					"The delivery's signed timestamp is missing, or older than " + tolerance.toSeconds()
							+ " s, or in the future");
		}
	}

	private ErrorResponseException refused(String reason, String detail) {
		failures.increment();
		log.warn("{} webhook refused: {}", source, reason);
		return Problems.of(HttpStatus.UNAUTHORIZED, detail);
	}

	private Collection<String> activeSecrets() {
		var configured = secrets.get();
		var active = new LinkedHashSet<String>();
		if (configured != null) {
			for (var secret : configured) {
				if (secret != null && !secret.isBlank()) {
					active.add(secret);
				}
			}
		}
		return active;
	}

	private byte[] decode(String signature) {
		if (signature == null || signature.isBlank()) {
			return null;
		}
		try {
			return switch (encoding) {
				case BASE64 -> Base64.getDecoder().decode(signature.trim());
				case HEX -> HexFormat.of().parseHex(signature.trim().toLowerCase(Locale.ROOT));
			};
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String checkSource(String source) {
		if (source == null || !SOURCE.matcher(source).matches()) {
			throw new IllegalArgumentException("source must be a short lower-case constant (it is a metric tag)");
		}
		return source;
	}

	@Override
	public String toString() {
		// never the secrets
		return "WebhookVerifier[" + source + ", " + header + ", " + encoding + "]";
	}

}
