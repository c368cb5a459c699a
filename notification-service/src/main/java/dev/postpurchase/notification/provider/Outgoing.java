package dev.postpurchase.notification.provider;

/**
 * One message to hand to a provider.
 *
 * @param notificationId our id of the message: the same on every attempt, so providers that take
 *     an idempotency key (and our own Message-ID) get the same one each time
 * @param to the email address or the E.164 phone number; personal data, never logged
 * @param content what to send
 * @param unsubscribeUrl one-click unsubscribe (RFC 8058) for email's {@code List-Unsubscribe}, may be
 *     {@code null}
 */
public record Outgoing(String notificationId, String to, Content content, String unsubscribeUrl) {

	@Override
	public String toString() {
		// never print the address
		return "Outgoing[notificationId=" + notificationId + ", template=" + content.template() + "]";
	}

}
