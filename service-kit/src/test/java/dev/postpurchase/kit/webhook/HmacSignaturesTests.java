package dev.postpurchase.kit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class HmacSignaturesTests {

	private static final byte[] BODY = "{\"id\":820982911946154508}".getBytes(StandardCharsets.UTF_8);

	@Test
	void matchesAKnownSignature() {
		// computed independently with Python: base64(hmac.new(b"hush", body, sha256).digest())
		assertThat(HmacSignatures.signBase64("hush", BODY)).isEqualTo("qBvrsZF7RfB1iS6BX6IHqJTp5L911P7intnPeTPsH0I=");
		assertThat(HmacSignatures.verifyBase64("hush", BODY, "qBvrsZF7RfB1iS6BX6IHqJTp5L911P7intnPeTPsH0I=")).isTrue();
	}

	@Test
	void rejectsWrongMissingOrGarbledSignatures() {
		var good = HmacSignatures.signBase64("hush", BODY);
		assertThat(HmacSignatures.verifyBase64("other", BODY, good)).isFalse();
		assertThat(HmacSignatures.verifyBase64("hush", "{}".getBytes(StandardCharsets.UTF_8), good)).isFalse();
		assertThat(HmacSignatures.verifyBase64("hush", BODY, null)).isFalse();
		assertThat(HmacSignatures.verifyBase64("hush", BODY, "")).isFalse();
		assertThat(HmacSignatures.verifyBase64("hush", BODY, "%%%not base64")).isFalse();
		assertThat(HmacSignatures.verifyBase64("", BODY, good)).isFalse();
		assertThat(HmacSignatures.verifyBase64(null, BODY, good)).isFalse();
	}

	@Test
	void verifiesHexSignatures() {
		var hex = HexFormat.of().formatHex(HmacSignatures.sign("hush", BODY));
		assertThat(HmacSignatures.verifyHex("hush", BODY, hex)).isTrue();
		assertThat(HmacSignatures.verifyHex("hush", BODY, hex.toUpperCase())).isTrue();
		assertThat(HmacSignatures.verifyHex("hush", BODY, "zz")).isFalse();
	}

}
