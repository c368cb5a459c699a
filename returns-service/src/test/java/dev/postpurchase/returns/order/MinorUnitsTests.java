package dev.postpurchase.returns.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import dev.postpurchase.contracts.Money;

/** Amounts as whole minor units of their currency, exactly or not at all. */
class MinorUnitsTests {

	@Test
	void eachCurrencyHasItsOwnNumberOfDecimals() {
		assertThat(MinorUnits.of(new BigDecimal("129.95"), "EUR")).isEqualTo(12995);
		assertThat(MinorUnits.of(new BigDecimal("129.950"), "EUR")).isEqualTo(12995);
		assertThat(MinorUnits.of(new BigDecimal("130"), "EUR")).isEqualTo(13000);
		assertThat(MinorUnits.of(new BigDecimal("1500"), "JPY")).isEqualTo(1500);
		assertThat(MinorUnits.of(new BigDecimal("1.234"), "KWD")).isEqualTo(1234);
		assertThat(MinorUnits.of(Money.of("0", "USD"))).isZero();
	}

	@Test
	void backToAContractAmountWithTheCurrencysDecimals() {
		assertThat(MinorUnits.toMoney(12995, "EUR")).isEqualTo(new Money(new BigDecimal("129.95"), "EUR"));
		assertThat(MinorUnits.toMoney(1349, "JPY")).isEqualTo(new Money(new BigDecimal("1349"), "JPY"));
	}

	@Test
	void amountsThatAreNotWholeMinorUnitsAreRejectedNotRounded() {
		assertThatThrownBy(() -> MinorUnits.of(new BigDecimal("9.995"), "EUR"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Amount 9.995 EUR is not a whole number of minor units or too large");
		assertThatThrownBy(() -> MinorUnits.of(new BigDecimal("1500.5"), "JPY"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> MinorUnits.of(new BigDecimal("1e30"), "EUR"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void negativeAmountsAndUnknownCurrenciesAreRejected() {
		assertThatThrownBy(() -> MinorUnits.of(new BigDecimal("-1.00"), "EUR")).hasMessage("Negative amount -1.00 EUR");
		assertThatThrownBy(() -> MinorUnits.of(BigDecimal.ONE, "EURO")).hasMessage("Unknown currency EURO");
		assertThatThrownBy(() -> MinorUnits.of(BigDecimal.ONE, "XAU")).hasMessage("Currency XAU has no minor unit");
		assertThatThrownBy(() -> MinorUnits.of(BigDecimal.ONE, null)).hasMessage("No currency");
	}

}
