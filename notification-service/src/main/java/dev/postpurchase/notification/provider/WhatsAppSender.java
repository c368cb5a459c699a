package dev.postpurchase.notification.provider;

import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import dev.postpurchase.contracts.notification.Channel;
import reactor.core.publisher.Mono;

/**
 * Sends a WhatsApp template message through Meta's WhatsApp Cloud API:
 * {@code POST {base-url}/{api-version}/{phone-number-id}/messages} with {@code Authorization: Bearer
 * {access-token}} and a JSON body naming the approved template, its language and its body parameters.
 * Meta answers 200 with the accepted message's id ({@code wamid....}), the provider's id.
 * <p>
 * {@code to} is the E.164 number with its {@code +}: without it Meta would prepend the business number's
 * country code. The Cloud API takes no idempotency key either; the ledger's claim keeps a message from
 * being handed over twice.
 */
@Component
class WhatsAppSender implements ChannelSender {

	static final String MESSAGES = "/{apiVersion}/{phoneNumberId}/messages";

	/**
	 * Graph API error codes that Meta answers with a 4xx but that mean "try again later": temporary
	 * downtime (2), throttling (4, 80007, 130429, 131056), and its "something went wrong" or "service
	 * unavailable" (131000, 131016, 133004). Every other code of a 4xx is permanent.
	 */
	static final Set<String> TRY_LATER = Set.of("2", "4", "80007", "130429", "131056", "131000", "131016", "133004");

	private final WhatsAppSettings settings;

	private final WebClient graph;

	/** With Spring Boot's {@code WebClient.Builder} when the application has one. */
	@Autowired
	WhatsAppSender(WhatsAppSettings settings, ObjectProvider<WebClient.Builder> builders) {
		this(settings, builders.getIfAvailable(WebClient::builder));
	}

	WhatsAppSender(WhatsAppSettings settings, WebClient.Builder builder) {
		this.settings = settings;
		this.graph = builder.clone().baseUrl(settings.baseUrl()).build();
	}

	@Override
	public Channel channel() {
		return Channel.WHATSAPP;
	}

	@Override
	public boolean configured() {
		return settings.configured();
	}

	/**
	 * Sends; emits Meta's message id. Fails permanently with the Graph API error code (for example
	 * {@code 131026}, undeliverable) on a 4xx, transiently on 5xx, 408, 429, the codes of
	 * {@link #TRY_LATER}, no answer within {@code notifications.whatsapp.timeout} or no connection.
	 */
	@Override
	public Mono<String> send(Outgoing message) {
		if (!configured()) {
			return Mono.error(new ProviderException("NOT_CONFIGURED", false));
		}
		return HttpFailures.exchange(() -> graph.post()
			.uri(MESSAGES, settings.apiVersion(), settings.phoneNumberId())
			.headers(headers -> headers.setBearerAuth(settings.accessToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(TemplateMessage.of(message)), "/error/code", TRY_LATER::contains, "/messages/0/id",
				settings.timeout());
	}

	/** The body of a template message, as Meta documents it. */
	record TemplateMessage(@JsonProperty("messaging_product") String messagingProduct,
			@JsonProperty("recipient_type") String recipientType, String to, String type, Template template) {

		static TemplateMessage of(Outgoing message) {
			var content = message.content();
			var parameters = content.parameters().stream().map(Parameter::of).toList();
			var components = parameters.isEmpty() ? List.<Component>of() : List.of(new Component("body", parameters));
			return new TemplateMessage("whatsapp", "individual", message.to(), "template",
					new Template(content.providerTemplate(), new Language(content.locale()), components));
		}

		@Override
		public String toString() {
			// never print the number or the parameters (names, addresses)
			return "TemplateMessage[template=" + template.name() + "]";
		}

	}

	/** The approved template at Meta, its language and its filled-in parameters; no components when none. */
	record Template(String name, Language language,
			@JsonInclude(JsonInclude.Include.NON_EMPTY) List<Component> components) {
	}

	/** The template's language, for example {@code en} or {@code nl}. */
	record Language(String code) {
	}

	/** A component of the template; only {@code body} is filled in. */
	record Component(String type, List<Parameter> parameters) {
	}

	/** One parameter, in the order of the template's {@code {{1}}}, {@code {{2}}}, ... */
	record Parameter(String type, String text) {

		static Parameter of(String text) {
			return new Parameter("text", text);
		}

	}

}
