package dev.postpurchase.bench.load;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.postpurchase.contracts.EventJson;
import dev.postpurchase.contracts.inbound.InboundTrackingUpdate;
import dev.postpurchase.contracts.shipment.Location;
import dev.postpurchase.contracts.shipment.TrackingStatus;

/**
 * Which carrier scan goes when. Every parcel gets the same journey of {@code scans} scans: info
 * received, in transit (once or more, from different depots), out for delivery, delivered. Parcel
 * {@code s} gets its scan {@code j} at {@code s / q + j * gap} seconds from the start, with {@code q} =
 * rate / scans parcels starting per second, so every stage of the journey is in flight at once and the
 * offered rate is the asked one (lower for the first and last {@code (scans - 1) * gap} seconds, while
 * the pipeline fills and drains). Carrier times are in the past, a minute apart per scan of a parcel,
 * so no two scans of a parcel look alike.
 */
public final class ScanPlan {

	/** In max mode: the parcels between two stages in flight, and the parcels per stage per round. */
	private static final int MAX_LAG = 1000;

	private static final int MAX_ROUND = 100;

	private static final Location DEPOT = new Location("Utrecht", "3542 AD", "NL", "Europe/Amsterdam");

	private final List<Parcel> parcels;

	private final int scans;

	private final double parcelsPerSecond;

	private final double gapSeconds;

	private final Instant carrierTimeBase;

	private final int[] next;

	/**
	 * @param rate scans per second; 0 for as fast as they are taken
	 * @param gap between two scans of a parcel
	 */
	public ScanPlan(Batch batch, int scans, double rate, Duration gap) {
		if (scans < 4) {
			throw new IllegalArgumentException("A journey has at least 4 scans (info, in transit, out, delivered)");
		}
		this.parcels = batch.parcels();
		this.scans = scans;
		if (rate > 0) {
			this.parcelsPerSecond = rate / scans;
			this.gapSeconds = gap.toMillis() / 1000.0;
		}
		else {
			// virtual time: one "second" per parcel, stages MAX_LAG parcels apart
			this.parcelsPerSecond = 1;
			this.gapSeconds = Math.min(MAX_LAG, Math.max(1, this.parcels.size() / scans));
		}
		this.carrierTimeBase = Instant.now().minus(Duration.ofMinutes(scans + 1L));
		this.next = new int[scans];
	}

	/** One scan due: which parcel, which scan of its journey. */
	public record Scan(Parcel parcel, int stage) {

	}

	/** The scans due by {@code seconds} since the start that were not handed out yet, in journey order per parcel. */
	public List<Scan> due(double seconds) {
		var due = new ArrayList<Scan>();
		for (int stage = 0; stage < this.scans; stage++) {
			while (this.next[stage] < this.parcels.size()
					&& this.next[stage] / this.parcelsPerSecond + stage * this.gapSeconds <= seconds) {
				due.add(new Scan(this.parcels.get(this.next[stage]), stage));
				this.next[stage]++;
			}
		}
		return due;
	}

	/** In max mode: the next round of scans, and how far virtual time moves per round. */
	public List<Scan> nextRound(double[] virtualSeconds) {
		virtualSeconds[0] += MAX_ROUND;
		return due(virtualSeconds[0]);
	}

	public boolean done() {
		return this.next[this.scans - 1] >= this.parcels.size();
	}

	public long total() {
		return (long) this.parcels.size() * this.scans;
	}

	/** The stage whose scan makes the text message: out for delivery. */
	public int textedStage() {
		return this.scans - 2;
	}

	public TrackingStatus status(int stage) {
		if (stage == 0) {
			return TrackingStatus.INFO_RECEIVED;
		}
		if (stage == this.scans - 1) {
			return TrackingStatus.DELIVERED;
		}
		return stage == this.scans - 2 ? TrackingStatus.OUT_FOR_DELIVERY : TrackingStatus.IN_TRANSIT;
	}

	/** The canonical update of a scan, as a carrier sends it. */
	public InboundTrackingUpdate update(Scan scan) {
		var status = status(scan.stage());
		var time = this.carrierTimeBase.plus(Duration.ofMinutes(scan.stage()))
			.plusMillis(scan.parcel().index() % 60_000);
		return new InboundTrackingUpdate(Orders.CARRIER, scan.parcel().trackingNumber(),
				time.atOffset(ZoneOffset.UTC).toString(), status, subStatus(status), null,
				status == TrackingStatus.IN_TRANSIT ? "Sorted at depot " + scan.stage() : "Scan " + status.name(), DEPOT,
				null);
	}

	public byte[] json(Scan scan) {
		return EventJson.mapper().writeValueAsBytes(update(scan));
	}

	private static String subStatus(TrackingStatus status) {
		return switch (status) {
			case INFO_RECEIVED -> "InfoReceived_001";
			case IN_TRANSIT -> "InTransit_002";
			case OUT_FOR_DELIVERY -> "OutForDelivery_001";
			default -> "Delivered_001";
		};
	}
}
