package dev.postpurchase.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The parcels of one step of the run (a load step, the order phase), with what the platform has
 * published about them so far: shipments registered, status changes and deliveries (from
 * {@code shipment.events}) and notification decisions (from {@code notification.events}).
 */
public final class Batch {

	private final String name;

	private final List<Parcel> parcels = new ArrayList<>();

	private final AtomicLong registered = new AtomicLong();

	private final AtomicLong statusChanges = new AtomicLong();

	private final AtomicLong journeysDecided = new AtomicLong();

	private final AtomicLong deliveries = new AtomicLong();

	private final AtomicLong confirmationsDecided = new AtomicLong();

	/** Partition of shipment.events to the offset of the last ShipmentDelivered of this batch there. */
	private final Map<Integer, Long> lastDelivered = new ConcurrentHashMap<>();

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

	/** A parcel whose every journey message (shipped, out for delivery, delivered) is decided. */
	void journeyDecided() {
		this.journeysDecided.incrementAndGet();
	}

	public long journeysDecidedCount() {
		return this.journeysDecided.get();
	}

	void confirmationDecided() {
		this.confirmationsDecided.incrementAndGet();
	}

	public long confirmationsDecidedCount() {
		return this.confirmationsDecided.get();
	}

	/** A ShipmentDelivered of this batch was written at this partition and offset of shipment.events. */
	public void deliveredAt(int partition, long offset) {
		this.lastDelivered.merge(partition, offset, Math::max);
		this.deliveries.incrementAndGet();
	}

	/** ShipmentDelivered events of this batch seen. */
	public long deliveryCount() {
		return this.deliveries.get();
	}

	/** Partition to the offset of the last ShipmentDelivered of this batch there. */
	public Map<Integer, Long> lastDelivered() {
		return Map.copyOf(this.lastDelivered);
	}
}
