package dev.postpurchase.notification.engagement;

import java.util.List;

/**
 * A WhatsApp Cloud API webhook ({@code object: whatsapp_business_account}), reduced to the message
 * statuses notification-service reads from it, as Meta documents them
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/):
 * {@code entry[].changes[]} with {@code field: messages} and a {@code value} whose {@code statuses[]}
 * each name one of our messages by its {@code wamid}. Nothing else is read: not
 * {@code recipient_id} (the customer's phone number), not {@code contacts} or incoming
 * {@code messages}, not {@code conversation} or {@code pricing}.
 */
record WhatsAppNotification(String object, List<Entry> entry) {

	/** One WhatsApp Business Account's changes. */
	record Entry(String id, List<Change> changes) {
	}

	/** One change; statuses come with {@code field: messages}. */
	record Change(String field, Value value) {
	}

	/**
	 * @param metadata which business number the statuses are about
	 */
	record Value(String messagingProduct, Metadata metadata, List<Status> statuses) {
	}

	record Metadata(String phoneNumberId) {
	}

	/**
	 * @param id the message's {@code wamid}, as the send's response gave it
	 * @param status {@code sent}, {@code delivered}, {@code read} or {@code failed}
	 * @param timestamp when, in Unix seconds (a string)
	 * @param errors with {@code failed}: why
	 */
	record Status(String id, String status, String timestamp, List<Error> errors) {
	}

	/**
	 * Only the code is kept: {@code title}, {@code message} and {@code error_data.details} may quote
	 * the recipient.
	 */
	record Error(Integer code) {
	}

}
