package dev.postpurchase.kit.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * A token bucket per caller and path pattern on the public endpoints (and on any request made with a
 * customer's link, {@code ?token=}, rather than a bearer token): {@code requestsPerMinute} sustained, the same
 * as burst. Excess gets 429 with {@code Retry-After}. Callers are told apart by client address; behind
 * proxies (the customer pages, an ingress), list them in {@code trusted-proxies} and the caller is the
 * client they forwarded for (see {@link RateLimitSettings#trustedProxies()}). Runs
 * before authentication, so floods never reach signature checks or the database.
 */
class RateLimitFilter implements WebFilter, Ordered {

	/** The group of the requests that carry a customer's link instead of a bearer token, on any path. */
	static final String CUSTOMER_LINK = "customer_link";

	private final List<PathPattern> paths;

	private final double capacity;

	private final double perNano;

	private final Map<String, Bucket> buckets;

	private final MeterRegistry meters;

	private final List<AddressRange> trusted;

	RateLimitFilter(RateLimitSettings settings, MeterRegistry meters) {
		this.paths = settings.paths().stream().map(PathPatternParser.defaultInstance::parse).toList();
		this.capacity = settings.requestsPerMinute();
		this.perNano = settings.requestsPerMinute() / 60e9;
		this.meters = meters;
		this.trusted = settings.trustedProxies().stream().map(AddressRange::parse).toList();
		var maxCallers = settings.maxCallers();
		this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > maxCallers;
			}

		};
	}

	@Override
	public int getOrder() {
		// before Spring Security's filter chain (-100)
		return -200;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		var group = group(exchange.getRequest());
		if (group.isEmpty()) {
			return chain.filter(exchange);
		}
		// one bucket per caller and endpoint group: a flood on one cannot lock a caller out of another
		var waitNanos = take(caller(exchange) + " " + group.get(), System.nanoTime());
		if (waitNanos == 0) {
			return chain.filter(exchange);
		}
		Counter.builder("http.server.requests.rate.limited")
			.description("Requests answered 429 by the rate limit, by limited path pattern")
			.tag("path", group.get())
			.register(meters)
			.increment();
		var retryAfter = Math.max(1, (long) Math.ceil(waitNanos / 1e9));
		exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfter));
		return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests; retry after " + retryAfter + " s");
	}

	/**
	 * The endpoint group a request is limited in: the first of {@code paths} it matches; else
	 * {@value #CUSTOMER_LINK} when it carries a customer's link ({@code ?token=}) instead of a bearer token,
	 * as a customer's return request to an endpoint agents share does; else none.
	 */
	Optional<String> group(ServerHttpRequest request) {
		var path = request.getPath().pathWithinApplication();
		var limited = paths.stream().filter(pattern -> pattern.matches(path)).findFirst().map(PathPattern::getPatternString);
		if (limited.isPresent() || !request.getQueryParams().containsKey("token")
				|| request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
			return limited;
		}
		return Optional.of(CUSTOMER_LINK);
	}

	/** Takes a token; returns 0 when granted, else the nanoseconds until one is available. */
	long take(String caller, long now) {
		synchronized (buckets) {
			var bucket = buckets.computeIfAbsent(caller, key -> new Bucket(capacity, now));
			bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updated) * perNano);
			bucket.updated = now;
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return 0;
			}
			return (long) Math.ceil((1 - bucket.tokens) / perNano);
		}
	}

	/**
	 * The client address; from a trusted proxy, the right-most address of {@code X-Forwarded-For} that is
	 * not itself a trusted proxy.
	 */
	String caller(ServerWebExchange exchange) {
		// host string, not getAddress(): an address taken from X-Forwarded-For is left unresolved
		var address = exchange.getRequest().getRemoteAddress();
		var caller = address == null ? "unknown" : address.getHostString();
		if (!isTrusted(caller)) {
			return caller;
		}
		var forwarded = exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-For");
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			var hop = forwarded.get(i).strip();
			caller = hop;
			if (!isTrusted(hop)) {
				break;
			}
		}
		return caller;
	}

	private boolean isTrusted(String address) {
		return trusted.stream().anyMatch(range -> range.contains(address));
	}

	/** An address, or a CIDR range of them. */
	private record AddressRange(byte[] network, int prefix) {

		static AddressRange parse(String text) {
			var parts = text.strip().split("/", 2);
			var network = literal(parts[0]);
			if (network == null) {
				throw new IllegalArgumentException("postpurchase.security.rate-limit.trusted-proxies: " + text
						+ " is not an IP address or CIDR range");
			}
			int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
			return new AddressRange(network, prefix);
		}

		boolean contains(String address) {
			var candidate = literal(address);
			if (candidate == null || candidate.length != network.length) {
				return false;
			}
			for (int bit = 0; bit < prefix; bit++) {
				int mask = 0x80 >> (bit % 8);
				if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

		/** The bytes of an IP literal; {@code null} for anything else (never a DNS lookup). */
		private static byte[] literal(String text) {
			// dotted IPv4 or an IPv6 literal (has a colon): InetAddress parses those without a lookup
			var ipv4 = text != null && text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
			var ipv6 = text != null && text.contains(":") && text.matches("[0-9a-fA-F:.\\[\\]%]+");
			if (!ipv4 && !ipv6) {
				return null;
			}
			try {
				return java.net.InetAddress.getByName(text.replace("[", "").replace("]", "")).getAddress();
			}
			catch (java.net.UnknownHostException ex) {
				return null;
			}
		}

	}

	private static final class Bucket {

		double tokens;

		long updated;

		Bucket(double tokens, long updated) {
			this.tokens = tokens;
			this.updated = updated;
		}

	}

}
