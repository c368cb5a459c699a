package dev.postpurchase.localstack;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.postpurchase.notification.provider.MailStreams;

/**
 * The local stack's stand-in for the outside world's inboxes: an SMTP server that keeps the email
 * the platform sends (the most recent {@code capacity}), listed by the simulators at
 * {@code GET /mail} (newest last: recipient, subject, times, text), so a newcomer sees the messages.
 * Development only: it accepts mail from anyone on this machine.
 *
 * <p>Received mail is moved out of GreenMail's mailboxes into a bounded list whenever it is listed
 * (and by the simulators every few seconds), so memory stays bounded however long the stack runs.
 */
final class MailCapture implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(MailCapture.class);

	private final GreenMail smtp;

	private final Inbox<Map<String, Object>> inbox;

	MailCapture(int smtpPort, int capacity) {
		MailStreams.nameProvider(); // GreenMail parses every message it receives
		this.smtp = new NoDelaySmtp(new ServerSetup(smtpPort, "localhost", ServerSetup.PROTOCOL_SMTP));
		this.inbox = new Inbox<>(capacity);
	}

	/** Starts accepting mail; again after {@link #stop()}, on the same port. */
	synchronized void start() {
		this.smtp.start();
	}

	/**
	 * Stops accepting mail, as an SMTP server that went down: connections are refused until
	 * {@link #start()}. What was received is kept.
	 */
	synchronized void stop() {
		drain(); // GreenMail forgets its mailboxes when it stops
		this.smtp.stop();
	}

	/** What was received, oldest first. */
	List<Map<String, Object>> messages() {
		drain();
		return this.inbox.list();
	}

	/** Moves what GreenMail received into the bounded list (a message arriving meanwhile waits for the next time). */
	synchronized void drain() {
		try {
			var store = this.smtp.getManagers().getImapHostManager().getStore();
			for (var folder : store.listMailboxes("*")) {
				var taken = false;
				for (var stored : folder.getNonDeletedMessages()) {
					var entry = entry(stored.getMimeMessage());
					entry.put("receivedAt", stored.getReceivedDate() == null ? null : stored.getReceivedDate().toInstant().toString());
					this.inbox.add(entry);
					stored.setFlag(Flags.Flag.DELETED, true);
					taken = true;
				}
				if (taken) {
					folder.expunge(); // only what was flagged above
				}
			}
		}
		catch (FolderException ex) {
			log.warn("Could not collect the received mail ({})", ex.getClass().getSimpleName());
		}
	}

	private static Map<String, Object> entry(MimeMessage message) {
		var entry = new LinkedHashMap<String, Object>();
		try {
			var recipients = message.getAllRecipients();
			entry.put("to", recipients == null || recipients.length == 0 ? null : String.valueOf(recipients[0]));
			entry.put("subject", message.getSubject());
			entry.put("sentAt", message.getSentDate() == null ? null : message.getSentDate().toInstant().toString());
			entry.put("messageId", message.getMessageID());
			entry.put("text", textOf(message.getContent()));
		}
		catch (MessagingException | IOException ex) {
			entry.put("error", ex.getClass().getSimpleName());
		}
		return entry;
	}

	private static String textOf(Object content) throws MessagingException, IOException {
		if (content instanceof String text) {
			return text;
		}
		if (content instanceof jakarta.mail.Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				var part = multipart.getBodyPart(i);
				if (part.isMimeType("text/plain")) {
					return String.valueOf(part.getContent());
				}
				var nested = textOf(part.getContent());
				if (nested != null) {
					return nested;
				}
			}
		}
		if (content instanceof java.io.InputStream stream) {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		return null;
	}

	@Override
	public synchronized void close() {
		this.smtp.stop();
	}

	/**
	 * GreenMail answering without Nagle's delay. It writes a reply in several small writes (EHLO's
	 * lines, say): with Nagle's algorithm on, each write after the first waits for the client's
	 * acknowledgement, which the client delays by 40 ms, so every email took some 47 ms to hand over,
	 * and notification-service's email throughput was bounded by that wait (3 ms without it).
	 */
	private static final class NoDelaySmtp extends GreenMail {

		NoDelaySmtp(ServerSetup setup) {
			super(setup);
		}

		@Override
		protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
			var services = new HashMap<String, AbstractServer>();
			for (var setup : config) {
				services.put(setup.getProtocol(), new SmtpServer(setup, managers) {

					@Override
					protected void handleClientSocket(Socket socket) throws SocketException {
						socket.setTcpNoDelay(true);
						super.handleClientSocket(socket);
					}

				});
			}
			return services;
		}

	}

}
