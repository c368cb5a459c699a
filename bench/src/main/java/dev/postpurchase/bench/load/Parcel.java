package dev.postpurchase.bench.load;

import java.util.Arrays;

/**
 * One order the benchmark places and the parcel that ships it: its ids and contact data (unique per
 * parcel, so an SMS or email received tells whose it is) and, as the run goes on, when each thing
 * happened to it, in epoch microseconds (0 while not yet).
 */
public final class Parcel {

	private final Batch batch;

	private final int index;

	private final String externalId;

	private final String trackingNumber;

	private final String phone;

	private final String email;

	private volatile String orderId;

	private volatile long orderAccepted;

	private volatile long emailReceived;

	private volatile long smsReceived;

	private volatile long milestoneUpdated;

	private final long[] scanAccepted;

	/** The milestones notification-service decided, each one bit of {@link Milestones}. */
	private int decided;

	private String textOutcome;

	Parcel(Batch batch, int index, String externalId, String trackingNumber, String phone, String email, int scans) {
		this.batch = batch;
		this.index = index;
		this.externalId = externalId;
		this.trackingNumber = trackingNumber;
		this.phone = phone;
		this.email = email;
		this.scanAccepted = new long[scans];
	}

	public Batch batch() {
		return this.batch;
	}

	public int index() {
		return this.index;
	}

	public String externalId() {
		return this.externalId;
	}

	public String trackingNumber() {
		return this.trackingNumber;
	}

	public String phone() {
		return this.phone;
	}

	public String email() {
		return this.email;
	}

	public String orderId() {
		return this.orderId;
	}

	void placed(String orderId, long acceptedMicros) {
		this.orderId = orderId;
		this.orderAccepted = acceptedMicros;
	}

	public long orderAccepted() {
		return this.orderAccepted;
	}

	/** The first email to this customer: the order's confirmation (the parcel has not shipped yet then). */
	public synchronized void emailReceived(long micros) {
		if (this.emailReceived == 0 || micros < this.emailReceived) {
			this.emailReceived = micros;
		}
	}

	public long emailReceived() {
		return this.emailReceived;
	}

	/** Texts go out for one milestone only (out for delivery): the first one received. */
	public synchronized void smsReceived(long micros) {
		if (this.smsReceived == 0 || micros < this.smsReceived) {
			this.smsReceived = micros;
		}
	}

	public long smsReceived() {
		return this.smsReceived;
	}

	/** When tracking-service published the status change of the texted scan (out for delivery). */
	public void milestoneUpdated(long micros) {
		this.milestoneUpdated = micros;
	}

	public long milestoneUpdated() {
		return this.milestoneUpdated;
	}

	/**
	 * notification-service's final decision on a milestone message ({@code SHIPPED}, ...) of this
	 * order, with its channel and outcome (e.g. {@code sms sent}); a milestone counts once.
	 */
	public void decided(String milestone, String outcome) {
		int bit = Milestones.bit(milestone);
		boolean complete;
		boolean confirmed;
		synchronized (this) {
			if (bit == 0 || (this.decided & bit) != 0) {
				return;
			}
			this.decided |= bit;
			if (bit == Milestones.OUT_FOR_DELIVERY) {
				this.textOutcome = outcome;
			}
			complete = bit != Milestones.ORDER_CONFIRMED && (this.decided & Milestones.JOURNEY) == Milestones.JOURNEY;
			confirmed = bit == Milestones.ORDER_CONFIRMED;
		}
		if (complete) {
			this.batch.journeyDecided();
		}
		if (confirmed) {
			this.batch.confirmationDecided();
		}
	}

	/** What became of the out-for-delivery message, e.g. {@code sms sent}; null while undecided. */
	public synchronized String textOutcome() {
		return this.textOutcome;
	}

	public synchronized void scanAccepted(int scan, long micros) {
		this.scanAccepted[scan] = micros;
	}

	public synchronized long scanAccepted(int scan) {
		return this.scanAccepted[scan];
	}

	@Override
	public String toString() {
		return "Parcel[" + this.externalId + ", scans accepted " + Arrays.toString(this.scanAccepted) + "]";
	}
}
