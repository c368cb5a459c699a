package dev.postpurchase.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The parcels of one step of the run (a load step, the order phase), with what the platform has
 * published about them so far: shipments registered and status changes, counted from
 * {@code shipment.events}.
 */
public final class Batch {

	private final String name;

	private final List<Parcel> parcels = new ArrayList<>();

	private final AtomicLong registered = new AtomicLong();

	private final AtomicLong statusChanges = new AtomicLong();

	Batch(String name) {
		this.name = name;
	}

	public String name() {
		return this.name;
	}

	void add(Parcel parcel) {
		this.parcels.add(parcel);
	}

	public List<Parcel> parcels() {
		return Collections.unmodifiableList(this.parcels);
	}

	public int size() {
		return this.parcels.size();
	}

	public void registered() {
		this.registered.incrementAndGet();
	}

	public long registeredCount() {
		return this.registered.get();
	}

	public void statusChanged() {
		this.statusChanges.incrementAndGet();
	}

	public long statusChangeCount() {
		return this.statusChanges.get();
	}
}
