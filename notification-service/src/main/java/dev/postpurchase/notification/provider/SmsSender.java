package dev.postpurchase.notification.provider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import dev.postpurchase.contracts.notification.Channel;
import reactor.core.publisher.Mono;

/**
 * Sends an SMS through Twilio's Messages API: {@code POST {base-url}/2010-04-01/Accounts/{AccountSid}/Messages.json}
 * with HTTP Basic credentials (AccountSid and auth token) and a form body of {@code To}, {@code From} or
 * {@code MessagingServiceSid}, {@code Body} and, when configured, {@code StatusCallback}. Twilio answers 201
 * with the new Message resource; its {@code sid} ({@code SM...}) is the provider's id.
 * <p>
 * Twilio documents no idempotency key for creating a message (it warns that retrying a message whose
 * answer was lost may send it twice), so the notification id is not sent; the ledger's claim keeps a
 * message from being handed over twice.
 */
@Component
class SmsSender implements ChannelSender {

	static final String MESSAGES = "/2010-04-01/Accounts/{accountSid}/Messages.json";

	private final SmsSettings settings;

	private final WebClient twilio;

	/** With Spring Boot's {@code WebClient.Builder} when the application has one. */
	@Autowired
	SmsSender(SmsSettings settings, ObjectProvider<WebClient.Builder> builders) {
		this(settings, builders.getIfAvailable(WebClient::builder));
	}

	SmsSender(SmsSettings settings, WebClient.Builder builder) {
		this.settings = settings;
		this.twilio = builder.clone().baseUrl(settings.baseUrl()).build();
	}

	@Override
	public Channel channel() {
		return Channel.SMS;
	}

	@Override
	public boolean configured() {
		return settings.configured();
	}

	/**
	 * Sends; emits Twilio's message sid. Fails permanently with Twilio's error code (for example
	 * {@code 21211}, an invalid number) on a 4xx, transiently on 5xx, 408, 429, no answer within
	 * {@code notifications.sms.timeout} or no connection.
	 */
	@Override
	public Mono<String> send(Outgoing message) {
		if (!configured()) {
			return Mono.error(new ProviderException("NOT_CONFIGURED", false));
		}
		return HttpFailures.exchange(() -> twilio.post()
			.uri(MESSAGES, settings.accountSid())
			.headers(headers -> headers.setBasicAuth(settings.accountSid(), settings.authToken()))
			.accept(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromFormData(form(message))), "/code", code -> false, "/sid", settings.timeout());
	}

	private LinkedMultiValueMap<String, String> form(Outgoing message) {
		var form = new LinkedMultiValueMap<String, String>();
		form.add("To", message.to());
		// Twilio wants From empty when a Messaging Service picks the sender
		if (SmsSettings.present(settings.messagingServiceSid())) {
			form.add("MessagingServiceSid", settings.messagingServiceSid());
		}
		else {
			form.add("From", settings.from());
		}
		form.add("Body", message.content().text());
		if (SmsSettings.present(settings.statusCallbackUrl())) {
			form.add("StatusCallback", settings.statusCallbackUrl());
		}
		return form;
	}

}
