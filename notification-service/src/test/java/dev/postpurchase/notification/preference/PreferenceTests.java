package dev.postpurchase.notification.preference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalTime;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.postpurchase.contracts.notification.Channel;
import dev.postpurchase.notification.preference.Preference.QuietHours;

/** What the message code asks of a preference: may a channel be used, is it quiet now. */
class PreferenceTests {

	@Test
	void aCustomerWhoNeverChoseAllowsEveryChannel() {
		var defaults = Preference.defaults("cus_1");
		for (var channel : Channel.values()) {
			assertThat(defaults.allows(channel)).isTrue();
		}
	}

	@Test
	void anOptedOutChannelIsNotAllowedAndTheOthersAre() {
		var preference = new Preference("cus_1", Set.of(Channel.SMS), null, null, null, null, null);
		assertThat(preference.allows(Channel.SMS)).isFalse();
		assertThat(preference.allows(Channel.EMAIL)).isTrue();
		assertThat(preference.allows(Channel.WHATSAPP)).isTrue();
	}

	@Test
	void quietHoursOverMidnightIncludeTheStartAndExcludeTheEnd() {
		var night = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
		assertThat(night.contains(LocalTime.of(21, 0))).isTrue();
		assertThat(night.contains(LocalTime.of(23, 59))).isTrue();
		assertThat(night.contains(LocalTime.MIDNIGHT)).isTrue();
		assertThat(night.contains(LocalTime.of(7, 59))).isTrue();
		assertThat(night.contains(LocalTime.of(8, 0))).isFalse();
		assertThat(night.contains(LocalTime.of(12, 0))).isFalse();
		assertThat(night.contains(LocalTime.of(20, 59))).isFalse();
	}

	@Test
	void quietHoursWithinADayIncludeTheStartAndExcludeTheEnd() {
		var afternoon = new QuietHours(LocalTime.of(13, 0), LocalTime.of(15, 30));
		assertThat(afternoon.contains(LocalTime.of(13, 0))).isTrue();
		assertThat(afternoon.contains(LocalTime.of(15, 29))).isTrue();
		assertThat(afternoon.contains(LocalTime.of(15, 30))).isFalse();
		assertThat(afternoon.contains(LocalTime.of(12, 59))).isFalse();
		assertThat(afternoon.contains(LocalTime.of(23, 0))).isFalse();
	}

	@Test
	void quietHoursNeedDifferentStartAndEnd() {
		assertThatIllegalArgumentException().isThrownBy(() -> new QuietHours(LocalTime.NOON, LocalTime.NOON));
		assertThatIllegalArgumentException().isThrownBy(() -> new QuietHours(null, LocalTime.NOON));
	}

}
