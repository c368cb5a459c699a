package dev.postpurchase.localstack;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static dev.postpurchase.localstack.SimulatorFixture.ACCESS_TOKEN;
import static dev.postpurchase.localstack.SimulatorFixture.ACCOUNT_SID;
import static dev.postpurchase.localstack.SimulatorFixture.AUTH_TOKEN;
import static dev.postpurchase.localstack.SimulatorFixture.PHONE_NUMBER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the simulators show of what they received: the JSON listings and the page. */
class SimulatorsListingTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final SimulatorFixture simulators = SimulatorFixture.start();

	@AfterEach
	void stop() {
		this.simulators.close();
	}

	@Test
	void listsCapturedMailNewestLastEachOnce() throws Exception {
		sendMail("anna@example.com", "Your order WS-1", "Thanks for your order WS-1");
		sendMail("jonas@example.com", "Your order WS-2", "Thanks for your order WS-2");

		assertThat(subjects()).containsExactly("Your order WS-1", "Your order WS-2");

		sendMail("camille@example.com", "Your order WS-3", "Thanks for your order WS-3");

		var mail = JSON.readTree(this.simulators.get("/mail").body());
		assertThat(mail).extracting(entry -> entry.get("subject").asString())
			.containsExactly("Your order WS-1", "Your order WS-2", "Your order WS-3");
		assertThat(mail.get(2).get("to").asString()).isEqualTo("camille@example.com");
		assertThat(mail.get(2).get("text").asString()).contains("Thanks for your order WS-3");
	}

	@Test
	void anSmtpServerDownRefusesMailAndKeepsWhatItHadReceived() throws Exception {
		sendMail("anna@example.com", "Before", "Sent before the outage");
		this.simulators.simulators.mail().stop();

		assertThatThrownBy(() -> sendMail("jonas@example.com", "During", "Sent during the outage"))
			.isInstanceOf(MessagingException.class);

		this.simulators.simulators.mail().start();
		sendMail("camille@example.com", "After", "Sent after the outage");
		assertThat(subjects()).containsExactly("Before", "After");
	}

	@Test
	void thePageListsMailTextsAndWhatsAppMessagesAndRefreshesItself() throws Exception {
		sendMail("anna@example.com", "Your order WS-7", "Thanks");
		this.simulators.postSms(ACCOUNT_SID, AUTH_TOKEN, Map.of("To", "+447700900123", "From", "+15005550006", "Body",
				"Parcel <b>WS-7</b> is out for delivery"));
		this.simulators.postWhatsApp(PHONE_NUMBER_ID, ACCESS_TOKEN, """
				{"messaging_product": "whatsapp", "to": "+31970100123", "type": "template",
				 "template": {"name": "delivery_delayed", "language": {"code": "nl"},
				              "components": [{"type": "body", "parameters": [{"type": "text", "text": "WS-7"}]}]}}
				""");

		var page = this.simulators.get("/");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
		assertThat(page.body()).contains("<meta http-equiv=\"refresh\"", "Your order WS-7", "+447700900123",
				"Parcel &lt;b&gt;WS-7&lt;/b&gt; is out for delivery", "delivery_delayed", "+31970100123");
		assertThat(page.body()).doesNotContain("<b>WS-7", "<script", "src=", "<link");
	}

	@Test
	void thePageShowsAFaultInForce() {
		this.simulators.postJson("/sms/faults", "{\"status\": 503, \"seconds\": 60}");

		assertThat(this.simulators.get("/").body()).contains("SMS fault in force", "503");
	}

	@Test
	void unknownPathsAndMethodsGetProblems() {
		var unknown = this.simulators.get("/nothing-here");
		var wrongMethod = this.simulators.postJson("/sms", "{}");

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
	}

	@Test
	void keepsOnlyTheMostRecentMessages() {
		var inbox = new Inbox<Integer>(3);
		for (int i = 1; i <= 5; i++) {
			inbox.add(i);
		}

		assertThat(inbox.list()).containsExactly(3, 4, 5);
		assertThat(inbox.total()).isEqualTo(5);
	}

	@Test
	void pointsNotificationServiceAtTheSimulators() {
		assertThat(Simulators.notificationServiceProperties(8089, 8083)).containsExactlyInAnyOrderEntriesOf(Map.of(
				"notifications.sms.base-url", "http://localhost:8089/twilio",
				"notifications.sms.from", "+15005550006",
				"notifications.sms.status-callback-url", "http://localhost:8083/webhooks/twilio/status",
				"notifications.whatsapp.base-url", "http://localhost:8089/graph",
				"notifications.whatsapp.api-version", "v21.0",
				"postpurchase.links.service-url", "http://localhost:8083",
				"notifications.collapse-window", "20s",
				"notifications.retry.interval", "5s"));
	}

	private List<String> subjects() {
		return JSON.readTree(this.simulators.get("/mail").body()).valueStream()
			.map(entry -> entry.get("subject").asString())
			.toList();
	}

	private void sendMail(String to, String subject, String text) throws Exception {
		var properties = new Properties();
		properties.put("mail.smtp.host", "localhost");
		properties.put("mail.smtp.port", String.valueOf(this.simulators.smtpPort));
		var message = new MimeMessage(Session.getInstance(properties));
		message.setFrom(new InternetAddress("orders@shop.example"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
		message.setSubject(subject);
		message.setText(text);
		Transport.send(message);
	}
}
