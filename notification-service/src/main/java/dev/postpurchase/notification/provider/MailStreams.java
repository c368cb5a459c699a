package dev.postpurchase.notification.provider;

import jakarta.mail.util.StreamProvider;

/**
 * Jakarta Mail 2.1 looks its {@link StreamProvider} up with a {@code ServiceLoader} every time it
 * builds or parses a message (and encodes a header): a scan of every jar on the class path, which
 * took a tenth of notification-service's CPU under load, and half of the local stack's SMTP capture's
 * (jakartaee/mail-api#861). Naming the provider in its system property makes it a class lookup.
 */
public final class MailStreams {

	private MailStreams() {
	}

	/** Names Angus Mail's provider, unless one is named already. */
	public static void nameProvider() {
		if (System.getProperty(StreamProvider.class.getName()) == null) {
			System.setProperty(StreamProvider.class.getName(), "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

}
