package dev.postpurchase.localstack;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PropertyOverridesTests {

	@Test
	void givesTheNamedPropertiesAsStrings() {
		var overrides = PropertyOverrides.from(Map.of(PropertyOverrides.VARIABLE,
				"{\"notifications.collapse-window\": \"0s\", \"tracking.exceptions.batch-size\": 100, \"x.enabled\": true}"));

		assertThat(overrides).containsExactly(Map.entry("notifications.collapse-window", "0s"),
				Map.entry("tracking.exceptions.batch-size", "100"), Map.entry("x.enabled", "true"));
	}

	@Test
	void isEmptyWithoutTheVariable() {
		assertThat(PropertyOverrides.from(Map.of())).isEmpty();
		assertThat(PropertyOverrides.from(Map.of(PropertyOverrides.VARIABLE, " "))).isEmpty();
	}

	@Test
	void refusesWhatIsNotAnObjectOfValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> PropertyOverrides.from(Map.of(PropertyOverrides.VARIABLE, "[1]")))
			.withMessageContaining("LOCAL_STACK_PROPERTIES must be a JSON object");
		assertThatIllegalArgumentException().isThrownBy(() -> PropertyOverrides.from(Map.of(PropertyOverrides.VARIABLE, "{")))
			.withMessageContaining("LOCAL_STACK_PROPERTIES must be a JSON object");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PropertyOverrides.from(Map.of(PropertyOverrides.VARIABLE, "{\"a\": {\"b\": 1}}")))
			.withMessageContaining("the value of a must be");
	}
}
