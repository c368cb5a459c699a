package dev.postpurchase.notification.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Email over SMTP; the server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from the sender of every email
 * @param messageIdDomain the right-hand side of our Message-IDs
 */
@ConfigurationProperties("notifications.email")
public record EmailSettings(@DefaultValue("Post-Purchase Ops <no-reply@postpurchase.dev>") String from,
		@DefaultValue("postpurchase.dev") String messageIdDomain) {

}
