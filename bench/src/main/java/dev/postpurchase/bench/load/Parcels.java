package dev.postpurchase.bench.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Every parcel of a run, found by what the platform tells back: the order id (on
 * {@code shipment.events}), the phone number (an SMS received) and the email address (an email
 * received). Contact data is made up and unique per parcel: numbers in {@code +999}, a country code
 * no one has, and {@code example.com} addresses.
 */
public final class Parcels {

	private final String run;

	private final int scans;

	private final Map<String, Parcel> byOrderId = new ConcurrentHashMap<>();

	private final Map<String, Parcel> byPhone = new ConcurrentHashMap<>();

	private final Map<String, Parcel> byEmail = new ConcurrentHashMap<>();

	private long next;

	/** @param scans how many carrier scans each parcel gets */
	public Parcels(int scans) {
		// a run tag: the ids of two runs against the same deployed platform do not meet
		this.run = String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
		this.scans = scans;
	}

	public synchronized Batch batch(String name, int size) {
		var batch = new Batch(name);
		for (int i = 0; i < size; i++) {
			long n = this.next++;
			var parcel = new Parcel(batch, i, "bench-" + this.run + "-" + n, "BENCH" + this.run + "X" + n,
					"+999" + this.run + String.format("%08d", n), "bench+" + this.run + "-" + n + "@example.com",
					this.scans);
			batch.add(parcel);
			this.byPhone.put(parcel.phone(), parcel);
			this.byEmail.put(parcel.email(), parcel);
		}
		return batch;
	}

	/**
	 * What the platform told about orders before the benchmark knew their ids (their events may come
	 * before order-service's answer is read, when the platform is quick and the benchmark busy).
	 */
	private final Map<String, List<Consumer<Parcel>>> early = new HashMap<>();

	/** At most this many orders' early events are kept (another run's orders never become known). */
	private static final int EARLY_ORDERS = 100_000;

	void placed(Parcel parcel, String orderId, long acceptedMicros) {
		parcel.placed(orderId, acceptedMicros);
		List<Consumer<Parcel>> waiting;
		synchronized (this.early) {
			this.byOrderId.put(orderId, parcel);
			waiting = this.early.remove(orderId);
		}
		if (waiting != null) {
			waiting.forEach(action -> action.accept(parcel));
		}
	}

	/** Does {@code action} with the order's parcel now, or as soon as the order's id is known. */
	public void withOrder(String orderId, Consumer<Parcel> action) {
		Parcel parcel;
		synchronized (this.early) {
			parcel = this.byOrderId.get(orderId);
			if (parcel == null) {
				if (this.early.size() < EARLY_ORDERS || this.early.containsKey(orderId)) {
					this.early.computeIfAbsent(orderId, id -> new ArrayList<>()).add(action);
				}
				return;
			}
		}
		action.accept(parcel);
	}

	public Parcel byOrderId(String orderId) {
		return this.byOrderId.get(orderId);
	}

	public Parcel byPhone(String phone) {
		return this.byPhone.get(phone);
	}

	public Parcel byEmail(String email) {
		return this.byEmail.get(email);
	}

	public int scans() {
		return this.scans;
	}

	public String run() {
		return this.run;
	}
}
