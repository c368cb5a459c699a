package dev.postpurchase.kit.webhook;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the worked example of Twilio's request validation documentation and its helper libraries' tests. */
class TwilioSignaturesTests {

	private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

	private static final Map<String, List<String>> PARAMS = Map.of("CallSid", List.of("CA1234567890ABCDE"), "Caller",
			List.of("+14158675309"), "Digits", List.of("1234"), "From", List.of("+14158675309"), "To",
			List.of("+18005551212"));

	@Test
	void signsLikeTwilio() {
		assertThat(TwilioSignatures.sign("12345", URL, PARAMS)).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
		// a repeated parameter: its values sorted
		assertThat(TwilioSignatures.sign("12345", URL, Map.of("Sid", List.of("CA123"), "SidAccount", List.of("AC123"),
				"Digits", List.of("5678", "1234", "1234"))))
			.isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
	}

	@Test
	void acceptsOnlyTheSignatureOfThisRequestUnderAnActiveToken() {
		var signature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
		assertThat(TwilioSignatures.verify(List.of("12345"), URL, PARAMS, signature)).isTrue();
		// during a rotation the secondary token is accepted too
		assertThat(TwilioSignatures.verify(List.of("new-token", "12345"), URL, PARAMS, signature)).isTrue();
		assertThat(TwilioSignatures.verify(List.of("other"), URL, PARAMS, signature)).isFalse();
		assertThat(TwilioSignatures.verify(List.of("12345"), URL + "&extra=1", PARAMS, signature)).isFalse();
		assertThat(TwilioSignatures.verify(List.of("12345"), URL, Map.of("Digits", List.of("9999")), signature))
			.isFalse();
		assertThat(TwilioSignatures.verify(List.of("12345"), URL, PARAMS, null)).isFalse();
		assertThat(TwilioSignatures.verify(List.of("", "12345"), URL, PARAMS, "")).isFalse();
	}

}
