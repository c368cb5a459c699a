package dev.postpurchase.bench.load;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.postpurchase.bench.platform.Platform;
import dev.postpurchase.contracts.DeliveryPromise;
import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.Money;
import dev.postpurchase.contracts.inbound.InboundOrder;
import dev.postpurchase.contracts.order.Address;
import dev.postpurchase.contracts.order.Consents;
import dev.postpurchase.contracts.order.Customer;
import dev.postpurchase.contracts.order.OrderLine;
import dev.postpurchase.contracts.order.SalesChannel;

/**
 * Orders and fulfillments through order-service's public REST API, as a platform sends them, with
 * the platform role's token: {@code POST /api/v1/orders} (201, the order's id) and
 * {@code POST /api/v1/orders/{id}/fulfillments} with the parcel's carrier and tracking number. The
 * customers agreed to email and SMS, and live in a time zone where it is early afternoon now, so
 * quiet hours hold no text back during the run.
 */
public final class Orders {

	/** The carrier of every benchmark parcel. */
	public static final String CARRIER = "PostNL";

	private static final int ATTEMPTS = 3;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI orders;

	private final String token;

	private final Parcels parcels;

	private final int concurrency;

	private final ZoneId zone = afternoonZone(Instant.now());

	public Orders(Platform platform, Parcels parcels, int concurrency) {
		this.orders = platform.service("order-service").resolve("/api/v1/orders");
		this.token = platform.token("platform");
		this.parcels = parcels;
		this.concurrency = concurrency;
	}

	/** What placing a batch took. */
	public record Placement(int orders, double seconds, double perSecond) {

	}

	/**
	 * Places the batch's orders, at {@code rate} per second or, with 0, as fast as the concurrency
	 * allows; returns when every order is accepted.
	 */
	public Placement place(Batch batch, double rate) {
		var started = System.nanoTime();
		run(batch.parcels(), rate, parcel -> HttpRequest.newBuilder(this.orders)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.token)
			.POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.mapper().writeValueAsBytes(order(parcel))))
			.build(), (parcel, body) -> this.parcels.placed(parcel, EventJson.mapper().readTree(body).get("id").asString(),
					Clocks.micros()));
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Placement(batch.size(), seconds, batch.size() / seconds);
	}

	/** Ships every order of the batch in its parcel, as fast as the concurrency allows. */
	public Placement fulfill(Batch batch) {
		var started = System.nanoTime();
		run(batch.parcels(), 0, parcel -> HttpRequest.newBuilder(this.orders.resolve("orders/" + parcel.orderId()
				+ "/fulfillments"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + this.token)
			.POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.mapper()
				.writeValueAsBytes(Map.of("carrier", CARRIER, "trackingNumber", parcel.trackingNumber()))))
			.build(), (parcel, body) -> {
			});
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Placement(batch.size(), seconds, batch.size() / seconds);
	}

	public ZoneId zone() {
		return this.zone;
	}

	private interface Request {

		HttpRequest of(Parcel parcel);
	}

	private interface Accepted {

		void accept(Parcel parcel, String body);
	}

	private void run(List<Parcel> parcels, double rate, Request request, Accepted accepted) {
		var permits = new Semaphore(this.concurrency);
		var started = System.nanoTime();
		var futures = new CompletableFuture<?>[parcels.size()];
		for (int i = 0; i < parcels.size(); i++) {
			if (rate > 0) {
				long due = started + (long) (i * 1e9 / rate);
				long wait = due - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
			}
			permits.acquireUninterruptibly();
			var parcel = parcels.get(i);
			futures[i] = send(request.of(parcel), 1).whenComplete((body, failure) -> {
				permits.release();
				if (failure == null) {
					accepted.accept(parcel, body);
				}
			});
		}
		try {
			CompletableFuture.allOf(futures).get(10, TimeUnit.MINUTES);
		}
		catch (Exception ex) {
			throw new IllegalStateException("order-service did not take every request: " + ex.getMessage(), ex);
		}
	}

	/** Sends, trying again after a 5xx or a broken connection; a 4xx is a bug of the benchmark and ends it. */
	private CompletableFuture<String> send(HttpRequest request, int attempt) {
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
			boolean retry = failure instanceof IOException || failure != null && failure.getCause() instanceof IOException
					|| response != null && response.statusCode() >= 500;
			if (retry && attempt < ATTEMPTS) {
				return send(request, attempt + 1);
			}
			if (failure != null) {
				return CompletableFuture.<String>failedFuture(failure);
			}
			if (response.statusCode() >= 300) {
				return CompletableFuture.<String>failedFuture(new IllegalStateException(request.method() + " "
						+ request.uri().getPath() + " answered " + response.statusCode() + ": " + response.body()));
			}
			return CompletableFuture.completedFuture(response.body());
		}).thenCompose(next -> next);
	}

	private InboundOrder order(Parcel parcel) {
		var now = Instant.now();
		var customer = new Customer("cus-" + parcel.externalId(), parcel.email(), parcel.phone(), "Bench Customer",
				"en-GB", this.zone, new Consents(true, true, false));
		var line = new OrderLine("SKU-BENCH-MUG", "Benchmark mug", 1, new Money(new BigDecimal("14.50"), "EUR"), "home",
				false);
		return new InboundOrder("bench", parcel.externalId(), SalesChannel.WEB, customer, List.of(line),
				new Address("Bench Customer", "Bench street 1", null, "1015 CJ", "Amsterdam", null, "NL"),
				new DeliveryPromise(null, now.plus(Duration.ofDays(7)), this.zone), now);
	}

	/**
	 * A fixed-offset zone where it is about 13:00 now: texts are never in quiet hours (21:00-08:00 by
	 * default) during a run of up to eight hours.
	 */
	static ZoneId afternoonZone(Instant now) {
		int hour = now.atOffset(ZoneOffset.UTC).getHour();
		int offset = 13 - hour;
		if (offset > 14) {
			offset -= 24;
		}
		if (offset < -12) {
			offset += 24;
		}
		// Etc/GMT-3 is three hours ahead of UTC (POSIX signs)
		return ZoneId.of(offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + -offset);
	}
}
