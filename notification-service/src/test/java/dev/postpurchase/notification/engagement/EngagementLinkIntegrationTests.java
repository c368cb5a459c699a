package dev.postpurchase.notification.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Clock;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.NotificationEngaged;
import dev.postpurchase.notification.NotificationServiceIntegrationTest;

/**
 * The open pixel and click links of emails, followed as a mail client and a browser follow them,
 * and what they publish.
 */
@NotificationServiceIntegrationTest
class EngagementLinkIntegrationTests {

	private static final String BASE_URL = "https://notifications.example.test";

	private static final String TARGET = "https://shop.example.test/track/ord_8K2F5QW1XR?token=eyJ.a-b_c&lang=nl-NL&q=a%20b+c#status";

	@Autowired
	WebTestClient web;

	@Autowired
	EngagementLinks links;

	@LocalServerPort
	int port;

	SentMessages messages;

	@Autowired
	void setUp(ReactiveMongoTemplate mongo, Clock clock) {
		this.messages = new SentMessages(mongo, clock);
	}

	@Test
	void theOpenPixelIsATransparentUncachedGifAndRecordsOpenedOnce() throws Exception {
		var email = messages.sent(Channel.EMAIL);
		var pixel = links.openPixel(email.notificationId());
		assertThat(pixel).startsWith(BASE_URL + "/api/v1/customer/engagement/" + email.notificationId() + "/open.gif?sig=");

		var image = get(pixel).expectStatus().isOk()
			.expectHeader().contentType(MediaType.IMAGE_GIF)
			.expectHeader().value("Cache-Control", value -> assertThat(value).contains("no-store"))
			.expectBody(byte[].class).returnResult().getResponseBody();
		get(pixel).expectStatus().isOk();

		var gif = ImageIO.read(new ByteArrayInputStream(image));
		assertThat(gif.getWidth()).isEqualTo(1);
		assertThat(gif.getHeight()).isEqualTo(1);
		assertThat(gif.getRGB(0, 0) >>> 24).as("alpha").isZero();
		assertThat(messages.await(email, NotificationEngaged.TYPE, 1).get(0).value())
			.contains("\"engagement\":\"OPENED\"", "\"channel\":\"EMAIL\"");
		// a click comes after the opens: once it is published, so is everything before it
		get(links.click(email.notificationId(), TARGET)).expectStatus().isFound();
		messages.await(email, NotificationEngaged.TYPE, 2);
		var all = messages.all(email, NotificationEngaged.TYPE);
		assertThat(SentMessages.engagement(all, "OPENED")).hasSize(1);
		assertThat(SentMessages.engagement(all, "CLICKED")).hasSize(1);
		// email has no delivery receipts: an open is not made into one
		assertThat(SentMessages.engagement(all, "DELIVERED")).isEmpty();
	}

	@Test
	void aPixelWithoutAValidSignatureIsStillTheImageButRecordsNothing() {
		var email = messages.sent(Channel.EMAIL);
		var other = messages.sent(Channel.EMAIL);
		var path = "/api/v1/customer/engagement/" + email.notificationId() + "/open.gif";

		get(BASE_URL + path).expectStatus().isOk().expectHeader().contentType(MediaType.IMAGE_GIF);
		get(BASE_URL + path + "?sig=AAAA").expectStatus().isOk().expectHeader().contentType(MediaType.IMAGE_GIF);
		get(links.openPixel(other.notificationId()).replace(other.notificationId(), email.notificationId()))
			.expectStatus().isOk();

		assertThat(messages.entry(email).get("engagements")).isNull();
	}

	@Test
	void aClickRedirectsToTheSignedTargetAndRecordsClickedWithTheOpenItImplies() {
		var email = messages.sent(Channel.EMAIL);
		var click = links.click(email.notificationId(), TARGET);
		assertThat(click).startsWith(BASE_URL + "/api/v1/customer/engagement/" + email.notificationId() + "/click?u=");

		get(click).expectStatus().isFound()
			.expectHeader().location(TARGET)
			.expectHeader().value("Cache-Control", value -> assertThat(value).contains("no-store"));

		var published = messages.await(email, NotificationEngaged.TYPE, 2);
		assertThat(SentMessages.engagement(published, "CLICKED")).hasSize(1);
		assertThat(SentMessages.engagement(published, "OPENED")).hasSize(1);
		assertThat(messages.entry(email).getList("engagements", String.class)).containsExactly("OPENED", "CLICKED");
	}

	@Test
	void aTamperedOrUnsignedClickIs400WithoutARedirect() {
		var email = messages.sent(Channel.EMAIL);
		var other = messages.sent(Channel.EMAIL);
		var click = links.click(email.notificationId(), TARGET);
		var signature = click.substring(click.indexOf("&sig=") + 5);
		var path = BASE_URL + "/api/v1/customer/engagement/" + email.notificationId() + "/click";

		// another target under the signature of this one
		notAClick(get(path + "?u=https%3A%2F%2Fevil.example.test%2F&sig=" + signature));
		// the signature changed
		notAClick(get(click.substring(0, click.length() - 2) + (click.endsWith("AA") ? "BB" : "AA")));
		notAClick(get(click.substring(0, click.indexOf("&sig="))));
		notAClick(get(path + "?sig=" + signature));
		// the link of another message
		notAClick(get(links.click(other.notificationId(), TARGET).replace(other.notificationId(), email.notificationId())));
		// an open pixel's signature is not a click's
		var pixel = links.openPixel(email.notificationId());
		notAClick(get(path + "?u=https%3A%2F%2Fevil.example.test%2F&sig=" + pixel.substring(pixel.indexOf("sig=") + 4)));

		assertThat(messages.entry(email).get("engagements")).isNull();
	}

	@Test
	void evenACorrectlySignedTargetThatIsNotAWebPageIsNeverRedirectedTo() {
		var email = messages.sent(Channel.EMAIL);
		var script = "javascript:alert(document.cookie)";
		var signature = EngagementLinks.sign("test-engagement-secret-0123456789abcdef", "click",
				email.notificationId(), script);

		notAClick(get(BASE_URL + "/api/v1/customer/engagement/" + email.notificationId()
				+ "/click?u=javascript%3Aalert%28document.cookie%29&sig=" + signature));

		assertThat(messages.entry(email).get("engagements")).isNull();
	}

	/** Follows a link as it is in an email, on this test's server. */
	private ResponseSpec get(String link) {
		assertThat(link).startsWith(BASE_URL);
		return web.get().uri(URI.create("http://localhost:" + port + link.substring(BASE_URL.length()))).exchange();
	}

	private static void notAClick(ResponseSpec response) {
		response.expectStatus().isBadRequest()
			.expectHeader().doesNotExist("Location")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
