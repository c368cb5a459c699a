package dev.postpurchase.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The SMTP server of the tests (GreenMail), started once per JVM on a free port and never stopped
 * before the JVM ends, like test-kit's Kafka and MongoDB. Tests tell their messages apart by the
 * recipient address, unique per test.
 */
public final class SmtpServer {

	private static GreenMail server;

	private SmtpServer() {
	}

	/** The running server, started on first use. */
	public static synchronized GreenMail get() {
		if (server == null) {
			var smtp = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
			server = new GreenMail(smtp);
			server.start();
		}
		return server;
	}

	public static int port() {
		return get().getSmtp().getServerSetup().getPort();
	}

	/** The messages received for one address. */
	public static List<MimeMessage> receivedFor(String address) {
		return Arrays.stream(get().getReceivedMessages()).filter(message -> {
			try {
				var recipients = message.getAllRecipients();
				return recipients != null
						&& Arrays.stream(recipients).map(Address::toString).anyMatch(address::equalsIgnoreCase);
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	private static int freePort() {
		try (var socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The content of the first part of this type, anywhere in the message. */
	public static String part(Part part, String type) throws Exception {
		if (part.isMimeType(type)) {
			return (String) part.getContent();
		}
		if (part.isMimeType("multipart/*")) {
			var multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				var found = part(multipart.getBodyPart(i), type);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

}
