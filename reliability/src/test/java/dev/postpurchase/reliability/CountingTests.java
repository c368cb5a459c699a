package dev.postpurchase.reliability;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.Milestone;
import dev.postpurchase.localstack.RunningStack.Provider;
import dev.postpurchase.order.orders.OrderId;
import dev.postpurchase.reliability.OrderPlan.Buyer;
import dev.postpurchase.reliability.OrderPlan.Source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The counting itself can fail: a message that reaches the customer twice, or one notification-service
 * never reported as sent, is seen as such. (A suite whose counts could only come out right would prove
 * nothing.)
 */
@ExtendWith(ReliabilityStack.class)
@Order(7)
class CountingTests {

	@Test
	void anEmailReceivedTwiceAndATextNobodyReportedAreCounted(Platform platform) throws Exception {
		var external = "COUNT-" + Long.toString(System.currentTimeMillis(), 36);
		var plan = new OrderPlan(0, Source.REST, external, OrderId.of("reliability", external).value(),
				new Buyer("cus-count", "count@example.com", null, false, false), "DPD", "CNT" + external, List.of(), false);
		platform.place(plan);
		await().atMost(Duration.ofSeconds(90)).until(() -> Effects.now(platform)
			.messages(plan.orderId(), Milestone.ORDER_CONFIRMED, Channel.EMAIL) == 1);
		var confirmation = platform.stack()
			.received(Provider.MAIL)
			.stream()
			.filter(mail -> String.valueOf(mail.get("text")).contains(plan.orderId()))
			.findFirst()
			.orElseThrow();

		// the same email once more, as a retry after a crash would send it: same Message-ID
		resend(platform, confirmation);
		// a text naming the order that notification-service never sent, straight to the Twilio simulator
		var account = platform.stack().secret("twilioAccountSid");
		var form = "To=%2B31970100001&From=%2B15005550006&Body=" + Platform.encode("Your parcel: /track/" + plan.orderId());
		var sms = platform.once(HttpRequest.newBuilder(platform.stack().simulators()
			.resolve("/twilio/2010-04-01/Accounts/" + account + "/Messages.json"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((account + ":"
					+ platform.stack().secret("twilioAuthToken")).getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build());
		assertThat(sms.statusCode()).as(sms.body()).isEqualTo(201);

		var counted = Effects.now(platform);
		assertThat(counted.messages(plan.orderId(), Milestone.ORDER_CONFIRMED, Channel.EMAIL)).isEqualTo(2);
		assertThat(counted.unexplained(plan.orderId())).isEqualTo(1);
	}

	private static void resend(Platform platform, Map<String, Object> mail) throws Exception {
		var port = platform.stack().smtpPort();
		var properties = new Properties();
		properties.put("mail.smtp.host", "localhost");
		properties.put("mail.smtp.port", String.valueOf(port));
		var message = new MimeMessage(Session.getInstance(properties)) {

			@Override
			protected void updateMessageID() throws jakarta.mail.MessagingException {
				setHeader("Message-ID", String.valueOf(mail.get("messageId")));
			}
		};
		message.setFrom(new InternetAddress("no-reply@postpurchase.dev"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(String.valueOf(mail.get("to"))));
		message.setSubject(String.valueOf(mail.get("subject")));
		message.setText(String.valueOf(mail.get("text")));
		Transport.send(message);
	}

}
