package dev.postpurchase.notification.engagement;

import dev.postpurchase.contracts.notification.Channel;

/**
 * How a report names the message it is about: our links by our notification id, providers by their
 * own message id (Twilio's {@code SM...} sid, WhatsApp's {@code wamid...}), together with the channel
 * that id belongs to.
 *
 * @param field the ledger field holding {@code value}
 * @param channel the channel the message must be on; null for our own ids
 */
public record MessageRef(String field, String value, Channel channel) {

	static final String NOTIFICATION_ID = "notificationId";

	static final String PROVIDER_MESSAGE_ID = "providerMessageId";

	/** A message by the notification id our events and links use. */
	public static MessageRef notification(String notificationId) {
		return new MessageRef(NOTIFICATION_ID, notificationId, null);
	}

	/** A message by the id the provider of {@code channel} gave it when it took the message. */
	public static MessageRef provider(Channel channel, String providerMessageId) {
		return new MessageRef(PROVIDER_MESSAGE_ID, providerMessageId, channel);
	}

}
