package dev.postpurchase.notification.provider;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;

import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import dev.postpurchase.contracts.notification.Channel;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Hands an email to the SMTP server. The Message-ID is set by us from the notification id, so it is
 * known before sending and the same on every attempt of one message. Every email carries a one-click
 * unsubscribe (RFC 8058) when the message has an unsubscribe link.
 */
@Component
class EmailSender implements ChannelSender {

	static {
		MailStreams.nameProvider();
	}

	private final JavaMailSender mail;

	private final EmailSettings settings;

	EmailSender(JavaMailSender mail, EmailSettings settings) {
		this.mail = mail;
		this.settings = settings;
	}

	@Override
	public Channel channel() {
		return Channel.EMAIL;
	}

	/** Sends; emits the Message-ID the SMTP server accepted. Runs off the caller's thread (SMTP blocks). */
	@Override
	public Mono<String> send(Outgoing message) {
		return Mono.fromCallable(() -> {
			var content = message.content();
			var mime = mail.createMimeMessage();
			var helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
			helper.setFrom(settings.from());
			helper.setTo(message.to());
			helper.setSubject(content.subject());
			helper.setText(content.text(), content.html());
			var messageId = "<" + message.notificationId() + "@" + settings.messageIdDomain() + ">";
			// JavaMailSenderImpl keeps a Message-ID set before sending
			mime.setHeader("Message-ID", messageId);
			if (message.unsubscribeUrl() != null) {
				mime.setHeader("List-Unsubscribe", "<" + message.unsubscribeUrl() + ">");
				mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
			}
			mail.send(mime);
			return messageId;
		})
			.subscribeOn(Schedulers.boundedElastic())
			// a message the server can never take (a malformed address): no retry will help
			.onErrorMap(ex -> ex instanceof MailParseException || ex instanceof MailPreparationException
					|| ex instanceof jakarta.mail.internet.AddressException,
					ex -> new ProviderException(ex.getClass().getSimpleName(), true, ex))
			.onErrorMap(ex -> ex instanceof MessagingException || ex instanceof MailException,
					ProviderException::transientFrom);
	}

}
