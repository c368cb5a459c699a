package dev.postpurchase.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.MessagingException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack's stand-in for the outside world's inboxes: an SMTP server that keeps every email
 * the platform sends, and {@code GET /mail} on the simulators' port listing them (newest last:
 * recipient, subject, time, text), so a newcomer sees the messages. Development only: it accepts
 * mail from anyone on this machine.
 */
final class MailCapture implements AutoCloseable {

	private final GreenMail smtp;

	private final HttpServer http;

	MailCapture(int smtpPort, int httpPort) {
		this.smtp = new GreenMail(new ServerSetup(smtpPort, "localhost", ServerSetup.PROTOCOL_SMTP));
		try {
			this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), httpPort), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot listen on " + httpPort, ex);
		}
		this.http.createContext("/mail", exchange -> {
			var body = JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsBytes(messages());
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (var out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
	}

	void start() {
		smtp.start();
		http.start();
	}

	/** What was received, oldest first. */
	List<Map<String, Object>> messages() {
		var messages = new ArrayList<Map<String, Object>>();
		for (var message : smtp.getReceivedMessages()) {
			try {
				var entry = new LinkedHashMap<String, Object>();
				entry.put("to", String.valueOf(message.getAllRecipients()[0]));
				entry.put("subject", message.getSubject());
				entry.put("sentAt", message.getSentDate() == null ? null : message.getSentDate().toInstant().toString());
				entry.put("messageId", message.getMessageID());
				entry.put("text", textOf(message.getContent()));
				messages.add(entry);
			}
			catch (MessagingException | IOException ex) {
				messages.add(Map.of("error", ex.getClass().getSimpleName()));
			}
		}
		return messages;
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
	public void close() {
		http.stop(0);
		smtp.stop();
	}

}
