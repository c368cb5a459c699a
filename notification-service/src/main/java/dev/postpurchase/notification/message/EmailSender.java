package dev.postpurchase.notification.message;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Hands an email to the SMTP server. The Message-ID is set by us from the notification id, so it is
 * known before sending and the same on every attempt of one message.
 */
@Component
class EmailSender {

	private final JavaMailSender mail;

	private final NotificationSettings settings;

	EmailSender(JavaMailSender mail, NotificationSettings settings) {
		this.mail = mail;
		this.settings = settings;
	}

	/** Sends; emits the Message-ID the SMTP server accepted. Runs off the caller's thread (SMTP blocks). */
	Mono<String> send(String notificationId, String to, Templates.Rendered message) {
		return Mono.fromCallable(() -> {
			var mime = mail.createMimeMessage();
			var helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
			helper.setFrom(settings.email().from());
			helper.setTo(to);
			helper.setSubject(message.subject());
			helper.setText(message.text(), message.html());
			var messageId = "<" + notificationId + "@postpurchase.dev>";
			// JavaMailSenderImpl keeps a Message-ID set before sending
			mime.setHeader("Message-ID", messageId);
			mail.send(mime);
			return messageId;
		}).subscribeOn(Schedulers.boundedElastic()).onErrorMap(MessagingException.class, SendFailedException::new)
			.onErrorMap(MailException.class, SendFailedException::new);
	}

	/** The provider did not take the message; the cause names no recipient. */
	static class SendFailedException extends RuntimeException {

		SendFailedException(Exception cause) {
			super(cause.getClass().getSimpleName(), cause);
		}

	}

}
