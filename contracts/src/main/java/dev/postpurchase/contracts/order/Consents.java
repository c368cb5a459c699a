package dev.postpurchase.contracts.order;

/** What the customer agreed to be contacted by, given at checkout. */
public record Consents(boolean email, boolean sms, boolean whatsapp) {

	public static Consents none() {
		return new Consents(false, false, false);
	}

}
