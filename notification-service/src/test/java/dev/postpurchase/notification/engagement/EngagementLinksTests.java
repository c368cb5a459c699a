package dev.postpurchase.notification.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.postpurchase.notification.message.LinkSettings;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.contracts.notification.NotificationEngaged.Engagement;

/** Signing and checking engagement links, and which engagements imply which. */
class EngagementLinksTests {

	private static final String SECRET = "a-secret-of-at-least-32-characters-0123";

	private static final String OTHER_SECRET = "another-secret-of-32-characters-or-more";

	private final EngagementLinks links = linksWith(SECRET, null, "https://n.example.test/");

	private static EngagementLinks linksWith(String secret, String previousSecret, String serviceUrl) {
		return new EngagementLinks(new EngagementSettings(secret, previousSecret),
				new LinkSettings("https://shop.example.test", serviceUrl));
	}

	@Test
	void aClickLinkCarriesItsTargetAndVerifiesForExactlyThatNotificationAndTarget() {
		var target = "https://shop.example.test/track/ord_1?token=a+b&x=%C3%A4%20b#top";
		var click = links.click("ntf-1", target);

		assertThat(click).startsWith("https://n.example.test/api/v1/customer/engagement/ntf-1/click?u=");
		var u = URLDecoder.decode(click.substring(click.indexOf("u=") + 2, click.indexOf("&sig=")), StandardCharsets.UTF_8);
		var sig = click.substring(click.indexOf("&sig=") + 5);
		assertThat(u).isEqualTo(target);
		assertThat(links.verifiesClick("ntf-1", target, sig)).isTrue();
		assertThat(links.verifiesClick("ntf-2", target, sig)).isFalse();
		assertThat(links.verifiesClick("ntf-1", target + "&evil=1", sig)).isFalse();
		assertThat(links.verifiesClick("ntf-1", null, sig)).isFalse();
		assertThat(links.verifiesOpen("ntf-1", sig)).isFalse();
	}

	@Test
	void anOpenSignatureIsNotAClickSignatureOnAnEmptyTarget() {
		var pixel = links.openPixel("ntf-1");
		var sig = pixel.substring(pixel.indexOf("sig=") + 4);

		assertThat(links.verifiesOpen("ntf-1", sig)).isTrue();
		assertThat(links.verifiesOpen("ntf-2", sig)).isFalse();
		assertThat(links.verifiesClick("ntf-1", "", sig)).isFalse();
		assertThat(links.verifiesOpen("ntf-1", null)).isFalse();
		assertThat(links.verifiesOpen("ntf-1", "not base64url!")).isFalse();
	}

	@Test
	void duringARotationLinksSignedWithThePreviousSecretStillVerifyAndNewOnesUseTheNewSecret() {
		var old = links.click("ntf-1", "https://shop.example.test/");
		var rotated = linksWith(OTHER_SECRET, SECRET, "https://n.example.test");
		var retired = linksWith(OTHER_SECRET, null, "https://n.example.test");
		var sig = old.substring(old.indexOf("&sig=") + 5);

		assertThat(rotated.verifiesClick("ntf-1", "https://shop.example.test/", sig)).isTrue();
		assertThat(retired.verifiesClick("ntf-1", "https://shop.example.test/", sig)).isFalse();
		var fresh = rotated.click("ntf-1", "https://shop.example.test/");
		assertThat(retired.verifiesClick("ntf-1", "https://shop.example.test/",
				fresh.substring(fresh.indexOf("&sig=") + 5))).isTrue();
	}

	@Test
	void withoutASecretAnEphemeralKeySignsAndAShortSecretIsRefused() {
		var ephemeral = linksWith(" ", null, "http://localhost:8083");
		var pixel = ephemeral.openPixel("ntf-1");

		assertThat(ephemeral.verifiesOpen("ntf-1", pixel.substring(pixel.indexOf("sig=") + 4))).isTrue();
		assertThat(links.verifiesOpen("ntf-1", pixel.substring(pixel.indexOf("sig=") + 4))).isFalse();
		assertThatIllegalStateException()
			.isThrownBy(() -> linksWith("too-short", null, "http://localhost:8083"))
			.withMessageContaining("notifications.engagement.secret")
			.withMessageNotContaining("too-short");
		assertThatIllegalStateException()
			.isThrownBy(() -> linksWith(SECRET, null, "localhost:8083"));
	}

	@Test
	void onlyAbsoluteWebUrlsCanBeClickTracked() {
		for (var url : List.of("javascript:alert(1)", "/track/ord_1", "//evil.example.test/", "ftp://example.test/x",
				"data:text/html,<script>", "https:///no-host", "")) {
			assertThat(EngagementLinks.isWebUrl(url)).as(url).isFalse();
			assertThatIllegalArgumentException().isThrownBy(() -> links.click("ntf-1", url));
		}
		assertThat(EngagementLinks.isWebUrl("HTTPS://shop.example.test/a?b=c#d")).isTrue();
		assertThat(EngagementLinks.isWebUrl("http://localhost:8080/track/ord_1")).isTrue();
	}

	@Test
	void anEngagementImpliesTheEarlierStepsTheChannelReports() {
		assertThat(Engagements.withImplied(Channel.EMAIL, Engagement.CLICKED))
			.containsExactly(Engagement.OPENED, Engagement.CLICKED);
		assertThat(Engagements.withImplied(Channel.EMAIL, Engagement.OPENED)).containsExactly(Engagement.OPENED);
		assertThat(Engagements.withImplied(Channel.WHATSAPP, Engagement.OPENED))
			.containsExactly(Engagement.DELIVERED, Engagement.OPENED);
		assertThat(Engagements.withImplied(Channel.SMS, Engagement.DELIVERED)).containsExactly(Engagement.DELIVERED);
	}

}
