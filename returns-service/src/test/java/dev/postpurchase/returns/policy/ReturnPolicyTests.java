package dev.postpurchase.returns.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

import dev.postpurchase.contracts.order.SalesChannel;
import dev.postpurchase.contracts.returns.ReturnReason;

/** How {@code returns.policy.*} is read, and that the defaults documented in the yml are the real ones. */
class ReturnPolicyTests {

	@Test
	void withNothingConfiguredThePolicyIsTheDefaults() {
		var policy = bind(Map.of());

		assertThat(policy).isEqualTo(ReturnPolicy.defaults());
		assertThat(policy.windowDays(SalesChannel.WEB, "outerwear")).isEqualTo(30);
		assertThat(policy.refundsShippingFor(ReturnReason.DAMAGED)).isTrue();
		assertThat(policy.refundsShippingFor(ReturnReason.CHANGED_MIND)).isFalse();
		assertThat(policy.refundsShippingFor(null)).isFalse();
	}

	@Test
	void theServicesYmlStatesTheDefaults() throws IOException {
		var sources = new YamlPropertySourceLoader().load("returns-service",
				new ClassPathResource("returns-service.yml"));
		var policy = new Binder(ConfigurationPropertySources.from(sources)).bindOrCreate("returns.policy",
				ReturnPolicy.class);

		assertThat(policy).isEqualTo(ReturnPolicy.defaults());
	}

	@Test
	void windowsPerChannelAndCategoryAreRead() {
		var policy = bind(Map.of("returns.policy.window-days", "28", "returns.policy.channel-window-days.MARKETPLACE",
				"14", "returns.policy.category-window-days.electronics", "60",
				"returns.policy.refund-shipping-for", "DAMAGED", "returns.policy.restocking-fee-percent", "12.5",
				"returns.policy.inspection", "manual", "returns.policy.label-carrier", "postnl"));

		assertThat(policy.windowDays(SalesChannel.WEB, "shoes")).isEqualTo(28);
		assertThat(policy.windowDays(SalesChannel.MARKETPLACE, "shoes")).isEqualTo(14);
		assertThat(policy.windowDays(SalesChannel.MARKETPLACE, "Electronics")).isEqualTo(60);
		assertThat(policy.windowDays(null, null)).isEqualTo(28);
		assertThat(policy.refundShippingFor()).containsExactly(ReturnReason.DAMAGED);
		assertThat(policy.restockingFeePercent()).isEqualByComparingTo("12.5");
		assertThat(policy.inspection()).isEqualTo(ReturnPolicy.Inspection.MANUAL);
		assertThat(policy.labelCarrier()).isEqualTo("postnl");
	}

	@Test
	void nonsenseDoesNotStart() {
		assertThatThrownBy(() -> bind(Map.of("returns.policy.restocking-fee-percent", "101")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessage("returns.policy.restocking-fee-percent must be between 0 and 100");
		assertThatThrownBy(() -> bind(Map.of("returns.policy.category-window-days.shoes", "-1")))
			.rootCause()
			.hasMessage("returns.policy.category-window-days.shoes must be 0 or more days");
		assertThatThrownBy(() -> new ReturnPolicy(30, null, null, BigDecimal.valueOf(-1), BigDecimal.TEN,
				EnumSet.noneOf(ReturnReason.class), null, "dhl"))
			.hasMessage("returns.policy.auto-approve-up-to must be 0 or more");
	}

	private static ReturnPolicy bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("returns.policy",
				ReturnPolicy.class);
	}

}
