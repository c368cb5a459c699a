package dev.postpurchase.tracking.aftership;

import static dev.postpurchase.contracts.shipment.ExceptionReason.ADDRESS_ISSUE;
import static dev.postpurchase.contracts.shipment.ExceptionReason.CARRIER_DELAY;
import static dev.postpurchase.contracts.shipment.ExceptionReason.CUSTOMS;
import static dev.postpurchase.contracts.shipment.ExceptionReason.DAMAGED;
import static dev.postpurchase.contracts.shipment.ExceptionReason.LOST;
import static dev.postpurchase.contracts.shipment.ExceptionReason.OTHER;
import static dev.postpurchase.contracts.shipment.ExceptionReason.REFUSED;
import static dev.postpurchase.contracts.shipment.ExceptionReason.RETURNED_TO_SENDER;
import static dev.postpurchase.contracts.shipment.ExceptionReason.WEATHER;
import static java.util.Map.entry;

import java.util.Map;

import dev.postpurchase.contracts.shipment.ExceptionReason;

/**
 * Why an AfterShip {@code Exception} happened, from its sub-status. The codes and their meaning are
 * AfterShip's "Delivery Sub-statuses" list
 * (https://www.aftership.com/docs/tracking/enum/delivery-sub-statuses; Exception_016 to
 * Exception_021 were added on 27 March 2026:
 * https://support.aftership.com/en/article/learn-about-delivery-sub-status-1b0hdlx). A code not listed
 * here (Exception_014, Exception_015, later additions) is {@code OTHER} until someone looks it up.
 */
final class ExceptionSubtags {

	private static final Map<String, ExceptionReason> REASONS = Map.ofEntries(
			entry("Exception_001", OTHER), // Exception: failed for some shipping exception
			entry("Exception_002", ADDRESS_ISSUE), // Customer moved
			entry("Exception_003", REFUSED), // Customer refused delivery
			entry("Exception_004", CUSTOMS), // Delayed (Customs clearance)
			entry("Exception_005", CARRIER_DELAY), // Delayed (External factors)
			entry("Exception_006", OTHER), // Held for payment (by the customer)
			entry("Exception_007", ADDRESS_ISSUE), // Incorrect Address
			entry("Exception_008", OTHER), // Pick up missed (not collected from the pickup point)
			entry("Exception_009", OTHER), // Rejected by carrier (not compliant with its guidelines)
			entry("Exception_010", RETURNED_TO_SENDER), // Returning to sender
			entry("Exception_011", RETURNED_TO_SENDER), // Returned to sender
			entry("Exception_012", DAMAGED), // Shipment damage
			entry("Exception_013", LOST), // Shipment lost
			entry("Exception_016", CARRIER_DELAY), // Delayed (Processing issue): vehicle, sorting error, misroute
			entry("Exception_017", WEATHER), // Delayed (Extreme weather)
			entry("Exception_018", CUSTOMS), // Incorrect / missing documents required by regulatory agencies
			entry("Exception_019", CARRIER_DELAY), // Delayed (Late flight)
			entry("Exception_020", OTHER), // Shipment cancelled by the sender or carrier
			entry("Exception_021", LOST)); // Shipment disposed (destroyed): gone for good, as a lost one

	private ExceptionSubtags() {
	}

	/** The reason of an Exception with this sub-status; OTHER for none or an unlisted one. */
	static ExceptionReason reason(String subtag) {
		return subtag == null ? OTHER : REASONS.getOrDefault(subtag.trim(), OTHER);
	}

}
